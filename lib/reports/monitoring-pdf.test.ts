import { describe, expect, it } from "vitest";
import type { MonitoringData } from "@/lib/db/queries/monitoring";
import { scoreSeries } from "@/lib/pipeline/anomaly";
import { DEFAULT_MONITORING, METRICS, type MetricSeries, type MonitoringCheck } from "@/lib/pipeline/monitoring";
import { MONITORING_HEADINGS } from "@/test/pdf-headings";
import { layoutDefects, lineStartingWith, lines, linesContaining, pdfText } from "@/test/pdf-text";
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
  revenue[15] = 15600;
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
        // The two anomaly checks say what scoring the series below gives (the spike on Feb 24, the drop on Feb 25).
        check("anomaly_null_client_id_rate", "P1", "CRITICAL", 104.85, "Empty client id rate 2025-02-24: 15.80% vs expected 1.01% (z 104.9).", ["2025-02-24"]),
        check("anomaly_revenue", "P2", "WARNING", -3.86, "Revenue 2025-02-25: $15,600.00 vs expected $19,983.90 (z -3.9).", ["2025-02-25"]),
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

    // Expected text worked by hand from the fixture's five checks: 1 critical, 2 warnings, 2 passing.
    const { text, pages: byPage } = pdfText(pdf);
    expect(byPage).toHaveLength(pages(pdf));
    const one = byPage[0]!;
    expect(one).toContain("Run #7 · loaded 2025-02-26 06:00 UTC · evaluated 2025-02-27 12:00 UTC");
    expect(one).toContain("CRITICAL: 1 critical, 2 warnings of 5 checks");
    expect(one).toContain("Do not trust today's numbers until the critical checks are resolved.");
    // Failing checks, worst first, then in report order.
    expect(one).toContain("Not passing: Empty client id rate anomaly, Pipeline stage health, Revenue anomaly.");
    expect(lines(one)).toContain("OVERALL CRITICAL WARNINGS PASSING NEWEST EVENT");
    expect(lines(one)).toContain("CRITICAL 1 2 2 of 5 2025-02-25");
    expect(lines(one)).toContain("2025-02-25 23:59 UTC");
    // Groups with their worst status, and each check's status, name and value in the unit of the check.
    const groups = lines(one).filter((l) => /^P[012] /.test(l));
    expect(groups).toEqual(["P0 Can the numbers be trusted WARNING", "P1 Volumes and data quality CRITICAL", "P2 Business metrics WARNING"]);
    const checks: [string, string, string][] = [
      ["PASS", "Data freshness", "36.0 h"], // 36.0 hours
      ["PASS", "Revenue reconciliation", "0 differences"], // value 0
      ["WARNING", "Pipeline stage health", "85.2% loaded"], // 85.2 (% of input rows loaded)
      ["CRITICAL", "Empty client id rate", "z +104.85"], // the name wraps: "anomaly" on the next line
      ["WARNING", "Revenue anomaly", "z -3.86"],
    ];
    const rows = lines(one).filter((l) => /^(PASS|WARNING|CRITICAL) [A-Z][a-z]/.test(l));
    expect(rows).toHaveLength(checks.length);
    checks.forEach(([status, name, value], i) => expect(rows[i]!.startsWith(`${status} ${name} ${value} `), `${rows[i]} starts with ${status} ${name} ${value}`).toBe(true));
    expect(lineStartingWith(one, "PASS Data freshness 36.0 h")).toContain("Newest event 2025-02-25 23:59 UTC is 36.0 hours old.");
    expect(lineStartingWith(one, "CRITICAL Empty client id rate z +104.85")).toContain("Empty client id rate 2025-02-24: 15.80% vs expected 1.01%");

    // Charts: the planted spike (day 15, Feb 24) and revenue drop (day 16, Feb 25) are the flagged
    // days; the first 7 of the 16 days have too little history to be scored.
    expect(text).toContain("Empty client id rate · CRITICAL");
    expect(text).toContain("P1 · flagged Feb 24 (critical); 7 of 16 days not scored (need 7 earlier days)");
    expect(text).toContain("Revenue · WARNING");
    expect(text).toContain("P2 · flagged Feb 25 (warning); 7 of 16 days not scored (need 7 earlier days)");
    // The strongest flagged day is marked on each chart with its |z|.
    expect(text).toContain("Feb 24 z 104.9");
    expect(text).toContain("Feb 25 z 3.9");
    expect(text).toContain("Events · PASS");
    expect(text).toContain("P1 · no flagged days; 7 of 16 days not scored (need 7 earlier days)");
    expect(text).toContain("Each day is compared with the 14 earlier days only (at least 7 needed;");
    // History: newest first, the current run marked.
    const history = lines(text).filter((l) => /^#\d+ /.test(l));
    expect(history).toEqual([
      "#7 (current) 2025-02-26 06:00 UTC upload 33,008 CRITICAL",
      "#6 2025-02-25 06:00 UTC cli 30,112 PASS",
      "#5 2025-02-24 06:00 UTC demo 49,000 not monitored",
    ]);
    expect(linesContaining(text, "Generated 2025-02-27 12:00 UTC")).toHaveLength(byPage.length);
  });

  it("lays out every metric over four weeks and a long history without looping", async () => {
    const base = fixture(true);
    const allSeries = (Object.keys(METRICS) as MetricSeries["metric"][]).map((m, k) => series(m, METRICS[m].label, METRICS[m].priority, days(28).map((_, i) => 100 + k + 10 * Math.sin(i) + (i === 26 ? 80 : 0))));
    const history = Array.from({ length: 30 }, (_, i) => ({ runId: 40 - i, createdAt: "2025-02-26T06:00:00.000Z", status: (["PASS", "WARNING", "CRITICAL"] as const)[i % 3]!, trigger: "cli", inputRows: 1000 + i }));
    const pdf = await renderMonitoringPdf({ ...base, history, report: { ...base.report, series: allSeries } });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBeGreaterThanOrEqual(3);

    const { text } = pdfText(pdf);
    // One chart per metric, each titled with its label.
    const labels = ["Events", "Sessions", "Orders", "Empty client id rate", "Null referrer rate", "Invalid purchases", "Revenue", "Conversion rate", "Average order value", "Revenue per session"];
    for (const label of labels) expect(text, label).toMatch(new RegExp(`(^|  )${label} · (PASS|WARNING|CRITICAL)`, "m"));
    // All thirty runs, newest (#40) first, none of them the current run (#7).
    const rows = lines(text).filter((l) => /^#\d+ /.test(l));
    expect(rows).toEqual(history.map((h, i) => `#${40 - i} 2025-02-26 06:00 UTC cli ${(1000 + i).toLocaleString("en-US")} ${h.status}`));
    expect(text).not.toContain("(current)");
  });

  it("renders a run without series or history", async () => {
    const data = { ...fixture(false), history: [] };
    const pdf = await renderMonitoringPdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text } = pdfText(pdf);
    expect(text).toContain("No daily series were scored in this run.");
    expect(text).toContain("No earlier runs.");
    expect(text).toContain("CRITICAL: 1 critical, 2 warnings of 5 checks");
  });

  it("never ends a page on a priority heading or a table header, nor leaves a page under a third full, wherever the content falls", async () => {
    // The note under the title grows a line at a time, moving every heading below it down the page
    // (on the sample export the "P2 Business metrics" heading and its table header used to end page 1).
    const base = fixture(true);
    const allSeries = (Object.keys(METRICS) as MetricSeries["metric"][]).map((m, k) => series(m, METRICS[m].label, METRICS[m].priority, days(28).map((_, i) => 100 + k + 10 * Math.sin(i) + (i === 26 ? 80 : 0))));
    // Fifteen checks as on the sample export: three P0, eight P1, four P2.
    const many = [
      ...base.report.checks.filter((c) => c.priority === "P0"),
      ...Array.from({ length: 8 }, (_, i) => check(`anomaly_p1_${i}`, "P1", i === 0 ? "CRITICAL" : "PASS", i + 0.5, `Metric ${i + 1} within the expected band on the 2 recent scored days; this explanation wraps onto a second line.`)),
      ...Array.from({ length: 4 }, (_, i) => check(`anomaly_p2_${i}`, "P2", "PASS", i + 0.25, `Business metric ${i + 1} within the expected band on the 2 recent scored days.`)),
    ];
    const data = { ...base, report: { ...base.report, checks: many, series: allSeries } };
    const sentence = "Visitor figures leave out 3,900 robot sessions (15.0% of all sessions): crawlers and automation, by user agent. ";
    for (let lines = 0; lines <= 16; lines++) {
      const pdf = await renderMonitoringPdf(data, { note: lines === 0 ? null : sentence.repeat(lines) });
      expect(layoutDefects(pdf, { headings: MONITORING_HEADINGS }), `${lines} sentences of note`).toEqual([]);
    }
  });
});
