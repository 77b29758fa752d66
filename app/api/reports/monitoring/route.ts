// The current run's monitoring report as a PDF: GET /api/reports/monitoring
import { routeUser } from "@/lib/auth/session";
import { cachedPdf } from "@/lib/reports/pdf-cache";
import { getCurrentRun } from "@/lib/db/queries/current-run";
import { getRunCaveats } from "@/lib/db/queries/caveats";
import { caveatList } from "@/lib/views/caveats";
import { runNoteText } from "@/lib/views/definitions";
import { clockNow, getMonitoring } from "@/lib/db/queries/monitoring";
import { renderMonitoringPdf } from "@/lib/reports/monitoring-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  // Freshness is measured against the clock: one render per published run and minute (lib/db/queries/run-cache.ts).
  const minute = Math.floor(clockNow() / 60_000) * 60_000;
  return cachedPdf("monitoring", String(minute), async () => {
    const data = await getMonitoring(minute);
    if (!data) return null;
    const bytes = await renderMonitoringPdf(data, { note: runNoteText((await getCurrentRun())?.report, caveatList(await getRunCaveats(data.runId))) });
    return { bytes, name: `monitoring-run-${data.runId}.pdf` };
  });
}
