/**
 * The five PDF reports, rendered from realistic data, as a reader sees their pages: every page but
 * the last at least a third full, no page ending on a heading, caption or table header
 * (`layoutDefects`, test/pdf-text.ts). On the real sample export (the data quality report's many
 * findings) and on generated demo data with every planted defect; and the sample's reports again
 * with the note under the title a few lines longer, which moves every section down the pages (the
 * note depends on the run: robots, definitions, caveats), through the positions where the data
 * quality report left a few file rows alone on page 2 and the monitoring report ended page 1 on
 * "P2 Business metrics".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { generateDemo } from "@/lib/demo/generator";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline } from "@/lib/pipeline";
import { ATTRIBUTION_HEADINGS, DATA_QUALITY_HEADINGS, EXECUTIVE_HEADINGS, MONITORING_HEADINGS, TRAFFIC_HEADINGS } from "../pdf-headings";
import { layoutDefects, pdfLayout } from "../pdf-text";
import { sampleExportDir } from "../sample-export";
import { tempDatabase } from "../temp-db";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

const NOW = "2025-03-04T06:00:00Z";
const GENERATED_AT = new Date("2025-03-05T08:00:00Z");

interface Reports {
  dataQuality: (note?: string | null) => Promise<Buffer>;
  executive: () => Promise<Buffer>;
  attribution: (note?: string | null) => Promise<Buffer>;
  monitoring: (note?: string | null) => Promise<Buffer>;
  traffic: (note?: string | null) => Promise<Buffer>;
  /** The note the report routes print under the title. */
  note: string | null;
}

/** Loads a folder of exports into a throwaway database and renders the reports the way the routes do. */
async function reportsOf(dir: string, now: string): Promise<{ reports: Reports; cleanup: () => void }> {
  const t = tempDatabase();
  saveRunResult(t.db, createRun(t.db, "cli"), runPipeline(readSources([dir]), { now: Date.parse(now) }));
  process.env.DATABASE_URL = `file:${t.path}`;
  process.env.MONITORING_NOW = now;
  vi.resetModules(); // the query modules hold the database client: fresh ones per data set
  const { getDataQuality } = await import("@/lib/db/queries/data-quality");
  const { getExecutiveSummary } = await import("@/lib/db/queries/executive-summary");
  const { getAttribution } = await import("@/lib/db/queries/attribution");
  const { getMonitoring } = await import("@/lib/db/queries/monitoring");
  const { getRunCaveats } = await import("@/lib/db/queries/caveats");
  const { runNoteText, definitionsText } = await import("@/lib/views/definitions");
  const { caveatList } = await import("@/lib/views/caveats");
  const { renderDataQualityPdf } = await import("@/lib/reports/data-quality-pdf");
  const { renderExecutivePdf } = await import("@/lib/reports/executive-pdf");
  const { renderAttributionPdf } = await import("@/lib/reports/attribution-pdf");
  const { renderMonitoringPdf } = await import("@/lib/reports/monitoring-pdf");
  const { getTraffic } = await import("@/lib/db/queries/traffic");
  const { getCohorts } = await import("@/lib/db/queries/cohorts");
  const { renderTrafficPdf } = await import("@/lib/reports/traffic-pdf");
  const [dq, exec, attribution, monitoring, traffic, cohorts] = await Promise.all([getDataQuality(), getExecutiveSummary({ model: "last_click" }), getAttribution(7), getMonitoring(), getTraffic({ period: "all" }), getCohorts("device")]);
  if (!dq || !exec || !attribution || !monitoring || !traffic) throw new Error("No successful run to report on.");
  const note = runNoteText(dq.run.report, caveatList(await getRunCaveats(dq.run.id)));
  const attributionNote = runNoteText(dq.run.report, caveatList(attribution.caveats));
  // Done with this database: the next data set gets a new client (the module keeps one on globalThis).
  await (await import("@/lib/db/client")).prisma.$disconnect();
  delete (globalThis as { prisma?: unknown }).prisma;
  return {
    reports: {
      note,
      dataQuality: (n = note) => renderDataQualityPdf(dq, { note: n, generatedAt: GENERATED_AT }),
      executive: () => renderExecutivePdf(exec, { note: definitionsText(dq.run.report), generatedAt: GENERATED_AT }),
      attribution: (n = attributionNote) => renderAttributionPdf(attribution, "first_click", "last_click", { note: n, cohorts, generatedAt: GENERATED_AT }),
      monitoring: (n = note) => renderMonitoringPdf(monitoring, { note: n, generatedAt: GENERATED_AT }),
      traffic: (n = definitionsText(dq.run.report)) => renderTrafficPdf(traffic, { note: n, generatedAt: GENERATED_AT }),
    },
    cleanup: t.cleanup,
  };
}

let sample: Reports;
let demo: Reports;
const cleanups: (() => void)[] = [];
const demoDir = mkdtempSync(join(tmpdir(), "pdf-layout-demo-"));

beforeAll(async () => {
  const s = await reportsOf(sampleExportDir(), NOW);
  sample = s.reports;
  cleanups.push(s.cleanup);
  await generateDemo({ days: 14, eventsPerDay: 3500, seed: 42, endDate: "2025-03-14" }, demoDir);
  const d = await reportsOf(demoDir, "2025-03-15T06:00:00Z");
  demo = d.reports;
  cleanups.push(d.cleanup);
}, 180_000);
afterAll(() => {
  for (const c of cleanups) c();
  rmSync(demoDir, { recursive: true, force: true });
});

/** A note `extra` sentences longer than the run's own (each sentence about a line under the title). */
const longer = (note: string | null, extra: number) => `${note ?? ""} ${"Robots and definitions as the run recorded them, one more line of the note. ".repeat(extra)}`.trim();

describe("the PDF reports of the sample export", () => {
  it("data quality: its findings run over several pages without a near-empty page or a stranded heading", async () => {
    const pdf = await sample.dataQuality();
    expect(pdfLayout(pdf).length).toBeGreaterThanOrEqual(5);
    expect(layoutDefects(pdf, { headings: DATA_QUALITY_HEADINGS })).toEqual([]);
  });

  it("executive summary, attribution and monitoring", async () => {
    expect(layoutDefects(await sample.executive(), { headings: EXECUTIVE_HEADINGS })).toEqual([]);
    expect(layoutDefects(await sample.attribution(), { headings: ATTRIBUTION_HEADINGS })).toEqual([]);
    expect(layoutDefects(await sample.monitoring(), { headings: MONITORING_HEADINGS })).toEqual([]);
    expect(layoutDefects(await sample.traffic(), { headings: TRAFFIC_HEADINGS })).toEqual([]);
  });

  it("with a longer note under the title: the data quality and monitoring reports at the positions that broke them", async () => {
    // Before: 4-12 extra lines ended monitoring page 1 on "P2 Business metrics" or its table header;
    // 22-24 left the data quality report's page 2 with a few file rows or nothing.
    for (const extra of [4, 8, 12, 16, 20, 22, 24]) {
      expect(layoutDefects(await sample.traffic(longer(sample.note, extra)), { headings: TRAFFIC_HEADINGS }), `traffic, ${extra} more lines`).toEqual([]);
      expect(layoutDefects(await sample.dataQuality(longer(sample.note, extra)), { headings: DATA_QUALITY_HEADINGS }), `data quality, ${extra} more lines`).toEqual([]);
      expect(layoutDefects(await sample.monitoring(longer(sample.note, extra)), { headings: MONITORING_HEADINGS }), `monitoring, ${extra} more lines`).toEqual([]);
    }
  }, 180_000);
});

describe("the PDF reports of generated demo data", () => {
  it("data quality: the longest report (every planted defect's findings)", async () => {
    const pdf = await demo.dataQuality();
    expect(pdfLayout(pdf).length).toBeGreaterThanOrEqual(8);
    expect(layoutDefects(pdf, { headings: DATA_QUALITY_HEADINGS })).toEqual([]);
  });

  it("executive summary, attribution and monitoring", async () => {
    expect(layoutDefects(await demo.executive(), { headings: EXECUTIVE_HEADINGS })).toEqual([]);
    expect(layoutDefects(await demo.attribution(), { headings: ATTRIBUTION_HEADINGS })).toEqual([]);
    expect(layoutDefects(await demo.monitoring(), { headings: MONITORING_HEADINGS })).toEqual([]);
    expect(layoutDefects(await demo.traffic(), { headings: TRAFFIC_HEADINGS })).toEqual([]);
  });
});
