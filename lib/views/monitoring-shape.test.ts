import { describe, expect, it } from "vitest";
import type { ScoredPoint } from "@/lib/pipeline/anomaly";
import { METRICS, type MetricSeries, type MonitoringCheck } from "@/lib/pipeline/monitoring";
import { METRIC_INFO, checkName, formatAxis, formatCheckValue, formatMetric, groupChecks, shapeCharts, shapeSeries, summarize } from "./monitoring-shape";

const check = (id: string, priority: MonitoringCheck["priority"], status: MonitoringCheck["status"], value: number | null = 1): MonitoringCheck => ({
  id,
  priority,
  status,
  value,
  threshold: "t",
  explanation: "e",
});

const point = (day: string, value: number | null, status: ScoredPoint["status"], band?: [number, number]): ScoredPoint => ({
  day,
  value,
  expected: band ? (band[0] + band[1]) / 2 : null,
  lower: band?.[0] ?? null,
  upper: band?.[1] ?? null,
  z: band ? 1 : null,
  status,
  basis: band ? "trailing" : "insufficient history",
});

describe("monitoring shape", () => {
  it("mirrors the pipeline's metric labels and units", () => {
    for (const [key, m] of Object.entries(METRICS)) expect(METRIC_INFO[key]).toEqual({ label: m.label, unit: m.unit });
    expect(Object.keys(METRIC_INFO).sort()).toEqual(Object.keys(METRICS).sort());
  });

  it("names checks for people", () => {
    expect(checkName("freshness")).toBe("Data freshness");
    expect(checkName("anomaly_null_client_id_rate")).toBe("Empty client id rate anomaly");
    expect(checkName("anomaly_new_metric")).toBe("New metric anomaly");
    expect(checkName("disk_space")).toBe("Disk space");
  });

  it("formats values by unit", () => {
    expect(formatCheckValue({ id: "freshness", value: 15224.3 })).toBe("634.3 days");
    expect(formatCheckValue({ id: "freshness", value: 5.25 })).toBe("5.3 h");
    expect(formatCheckValue({ id: "revenue_reconciliation", value: 0 })).toBe("0 differences");
    expect(formatCheckValue({ id: "pipeline_health", value: 99.5 })).toBe("99.5% loaded");
    expect(formatCheckValue({ id: "anomaly_events", value: -1.35 })).toBe("z −1.35");
    expect(formatCheckValue({ id: "anomaly_events", value: 41.4 })).toBe("z +41.40");
    expect(formatCheckValue({ id: "anomaly_events", value: null })).toBe("not scored");
    expect(formatMetric(0.158, "rate")).toBe("15.80%");
    expect(formatMetric(1015.375, "money")).toBe("$1,015.38");
    expect(formatMetric(3469.4, "count")).toBe("3,469");
    expect(formatAxis(0.05, "rate")).toBe("5%");
    expect(formatAxis(0.025, "rate")).toBe("2.5%");
    expect(formatAxis(25000, "money")).toBe("$25k");
    expect(formatAxis(0, "money")).toBe("$0");
    expect(formatAxis(7.5, "money")).toBe("$7.50");
    expect(formatAxis(12500, "count")).toBe("12.5k");
  });

  it("groups checks by priority, drops empty groups and takes each group's worst status", () => {
    const groups = groupChecks([check("freshness", "P0", "CRITICAL", 100), check("pipeline_health", "P0", "PASS", 100), check("anomaly_revenue", "P2", "WARNING", 3.2)]);
    expect(groups.map((g) => [g.priority, g.status, g.checks.length])).toEqual([
      ["P0", "CRITICAL", 2],
      ["P2", "WARNING", 1],
    ]);
    expect(groups[0]!.title).toBe("Can the numbers be trusted");
    expect(groups[1]!.checks[0]).toMatchObject({ id: "anomaly_revenue", name: "Revenue anomaly", value: "z +3.20", days: [] });
  });

  it("summarizes in one line", () => {
    const checks = [check("a", "P0", "WARNING"), check("b", "P1", "CRITICAL"), check("c", "P1", "CRITICAL"), check("d", "P2", "PASS")];
    const s = summarize(checks);
    expect(s).toMatchObject({ status: "CRITICAL", critical: 2, warning: 1, pass: 1, total: 4, text: "2 critical, 1 warning of 4 checks" });
    expect(s.failing).toEqual(["B", "C", "A"]);
    expect(summarize([check("a", "P0", "PASS")]).text).toBe("All 1 check pass");
    expect(summarize([]).status).toBe("PASS");
  });

  it("shapes a series: band floored at 0, flagged and not-scored dots, recent window", () => {
    const series: MetricSeries = {
      metric: "null_client_id_rate",
      label: "Empty client id rate",
      priority: "P1",
      direction: "spike",
      points: [point("2025-03-01", 0.01, "NOT_SCORED"), point("2025-03-02", 0.158, "CRITICAL", [-0.001, 1.2]), point("2025-03-03", 0.03, "WARNING", [0.005, 0.02]), point("2025-03-04", null, "NOT_SCORED")],
    };
    const chart = shapeSeries(series, "CRITICAL", 2);
    expect(chart.unit).toBe("rate");
    expect(chart.points.map((p) => p.label)).toEqual(["Mar 1", "Mar 2", "Mar 3", "Mar 4"]);
    expect(chart.points[0]).toMatchObject({ band: null, notScored: 0.01, critical: null, recent: false });
    expect(chart.points[1]).toMatchObject({ band: [0, 1], critical: 0.158, warning: null, notScored: null, recent: false });
    expect(chart.points[2]).toMatchObject({ warning: 0.03, recent: true });
    expect(chart.flagged).toEqual([
      { day: "2025-03-02", status: "CRITICAL" },
      { day: "2025-03-03", status: "WARNING" },
    ]);
    expect(chart.notScoredDays).toBe(2);
    expect(chart.recentRange).toEqual(["Mar 3", "Mar 4"]);
    expect(chart.ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const counts = shapeSeries({ ...series, metric: "invalid_purchases", points: [point("2025-03-01", 2, "PASS", [0, 1.5])] }, "PASS", 7);
    expect(counts.ticks).toEqual([0, 1, 2, 3, 4]);
  });

  it("orders charts by priority and takes the status of the metric's check", () => {
    const s = (metric: MetricSeries["metric"], priority: MetricSeries["priority"]): MetricSeries => ({ metric, label: metric, priority, direction: "both", points: [point("2025-03-01", 1, "PASS", [0, 2])] });
    const charts = shapeCharts({
      series: [s("revenue", "P2"), s("events", "P1")],
      checks: [check("anomaly_revenue", "P2", "WARNING")],
      options: { freshnessWarnHours: 36, freshnessCriticalHours: 72, window: 14, minPoints: 7, recentDays: 7 },
    });
    expect(charts.map((c) => [c.metric, c.status])).toEqual([
      ["events", "PASS"],
      ["revenue", "WARNING"],
    ]);
    expect(shapeSeries({ ...s("events", "P1"), points: [] }, "PASS", 7).recentRange).toBeNull();
  });
});
