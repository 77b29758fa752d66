import { describe, expect, it } from "vitest";
import type { MonitoringData } from "@/lib/db/queries/monitoring";
import { scoreSeries } from "@/lib/pipeline/anomaly";
import { DEFAULT_MONITORING, METRICS, type MetricSeries, type MonitoringCheck } from "@/lib/pipeline/monitoring";
import { renderMonitoringPdf } from "./monitoring-pdf";

const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 1, 10 + i)).toISOString().slice(0, 10));

function series(metric: MetricSeries["metric"], label: string, priority: MetricSeries["priority"], values: number[]): MetricSeries {
  const direction = metric === "null_client_id_rate" ? "spike" : "both";
  return { metric, label, priority, direction, points: scoreSeries(days(values.length).map((day, i) => ({ day, value: values[i] ?? null })), { direction, minAbsoluteChange: 0, minRelativeChange: 0.2 }) };
}

const check = (id: string, priority: MonitoringCheck["priority"], status: MonitoringCheck["status"], value: number | null, explanation: string, days?: string[]): MonitoringCheck => ({
  id,
  priority,
  status,
  value,
  threshold: id === "freshness" ? "warning > 36 h, critical > 72 h" : "|z| > 3 warning, > 4 critical (both); change >= 20%",
  explanation,
  days,
});

function fixture(withSeries: boolean): MonitoringData {
  const n = 16;
  const wobble = (base: number, amp: number) => days(n).map((_, i) => base + amp * Math.sin(i * 1.7));
  const nullRate = wobble(0.01, 0.002);
  nullRate[14] = 0.158;
  const revenue = wobble(20000, 1500);
  revenue[15] = 9000;
  return {
    runId: 7,
    createdAt: "2025-02-26T06:00:00.000Z",
    history: [
      { runId: 7, createdAt: "2025-02-26T06:00:00.000Z", status: "CRITICAL", trigger: "upload", inputRows: 33008 },
      { runId: 6, createdAt: "2025-02-25T06:00:00.000Z", status: "PASS", trigger: "cli", inputRows: 30112 },
      { runId: 5, createdAt: "2025-02-24T06:00:00.000Z", status: null, trigger: "demo", inputRows: 49000 },
    ],
    report: {
      status: "CRITICAL",
      evaluatedAt: Date.parse("2025-02-27T12:00:00Z"),
      newestEventTs: Date.parse("2025-02-25T23:59:00Z"),
      options: DEFAULT_MONITORING,
      checks: [
        check("freshness", "P0", "PASS", 36.0, "Newest event 2025-02-25 23:59 UTC is 36.0 hours old."),
        check("revenue_reconciliation", "P0", "PASS", 0, "Valid purchases = orders = every attribution model (7 reconciliations, to the cent)."),
        check("pipeline_health", "P0", "WARNING", 85.2, "Stage health: only 85.2% of input rows loaded (< 90%)."),
        check("anomaly_null_client_id_rate", "P1", "CRITICAL", 41.4, "Empty client id rate 2025-02-24: 15.80% vs expected 0.99% (z 41.4).", ["2025-02-24"]),
        check("anomaly_revenue", "P2", "WARNING", -3.6, "Revenue 2025-02-25: $9,000.00 vs expected $20,000.00 (z -3.6).", ["2025-02-25"]),
      ],
      series: withSeries ? [series("null_client_id_rate", "Empty client id rate", "P1", nullRate), series("revenue", "Revenue", "P2", revenue), series("events", "Events", "P1", wobble(3500, 200))] : [],
    },
  };
}

const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

describe("renderMonitoringPdf", () => {
  it("renders the status, checks, charts and history as a PDF", async () => {
    const data = fixture(true);
    expect(data.report.series[0]!.points.some((p) => p.status === "CRITICAL")).toBe(true);
    const pdf = await renderMonitoringPdf(data, { generatedAt: new Date("2025-02-27T12:00:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it("lays out every metric over four weeks and a long history without looping", async () => {
    const base = fixture(true);
    const allSeries = (Object.keys(METRICS) as MetricSeries["metric"][]).map((m, k) => series(m, METRICS[m].label, METRICS[m].priority, days(28).map((_, i) => 100 + k + 10 * Math.sin(i) + (i === 26 ? 80 : 0))));
    const history = Array.from({ length: 30 }, (_, i) => ({ runId: 40 - i, createdAt: "2025-02-26T06:00:00.000Z", status: (["PASS", "WARNING", "CRITICAL"] as const)[i % 3]!, trigger: "cli", inputRows: 1000 + i }));
    const pdf = await renderMonitoringPdf({ ...base, history, report: { ...base.report, series: allSeries } });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBeGreaterThanOrEqual(3);
  });

  it("renders a run without series or history", async () => {
    const data = { ...fixture(false), history: [] };
    const pdf = await renderMonitoringPdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
