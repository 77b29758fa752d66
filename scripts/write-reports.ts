/**
 * Writes the four PDF reports of the current run with the same query and report code the web
 * app serves. The query modules are marked `server-only` (a guard against importing them into
 * browser bundles); this command line is server code too, so the marker is satisfied here
 * before those modules load.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function allowServerOnly(): void {
  if (typeof require === "undefined") return; // under Vitest the marker is aliased away instead
  const path = require.resolve("server-only");
  require.cache[path] = { id: path, filename: path, loaded: true, exports: {} } as NodeJS.Module;
}

export async function writeReports(dir: string): Promise<string[]> {
  allowServerOnly();
  const [{ getDataQuality }, { getExecutiveSummary }, { getAttribution }, { getMonitoring }, { getCohorts }] = await Promise.all([
    import("@/lib/db/queries/data-quality"),
    import("@/lib/db/queries/executive-summary"),
    import("@/lib/db/queries/attribution"),
    import("@/lib/db/queries/monitoring"),
    import("@/lib/db/queries/cohorts"),
  ]);
  const [{ renderDataQualityPdf }, { renderExecutivePdf }, { renderAttributionPdf }, { renderMonitoringPdf }] = await Promise.all([
    import("@/lib/reports/data-quality-pdf"),
    import("@/lib/reports/executive-pdf"),
    import("@/lib/reports/attribution-pdf"),
    import("@/lib/reports/monitoring-pdf"),
  ]);
  const [dq, exec, attribution, monitoring, cohorts] = await Promise.all([getDataQuality(), getExecutiveSummary({ model: "last_click" }), getAttribution(7), getMonitoring(), getCohorts("device")]);
  if (!dq || !exec || !attribution || !monitoring) throw new Error("No successful run to report on.");
  // The same notes as the web's PDF routes: robots, definitions and the data's caveats.
  const [{ runNoteText, definitionsText }, { caveatList }, { getRunCaveats }] = await Promise.all([import("@/lib/views/definitions"), import("@/lib/views/caveats"), import("@/lib/db/queries/caveats")]);
  const note = runNoteText(dq.run.report, caveatList(await getRunCaveats(dq.run.id)));
  const attributionNote = runNoteText(dq.run.report, caveatList(attribution.caveats));
  mkdirSync(dir, { recursive: true });
  const reports: [string, Buffer][] = [
    [`data-quality-run-${dq.run.id}.pdf`, await renderDataQualityPdf(dq, { note })],
    [`executive-summary-run-${exec.runId}.pdf`, await renderExecutivePdf(exec, { note: definitionsText(dq.run.report) })],
    [`attribution-run-${attribution.runId}.pdf`, await renderAttributionPdf(attribution, "first_click", "last_click", { note: attributionNote, cohorts })],
    [`monitoring-run-${monitoring.runId}.pdf`, await renderMonitoringPdf(monitoring, { note })],
  ];
  for (const [name, bytes] of reports) writeFileSync(join(dir, name), bytes);
  return reports.map(([name]) => name);
}
