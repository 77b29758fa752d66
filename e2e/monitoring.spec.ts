import { mkdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// Monitoring: can today's numbers be trusted? The overall verdict, checks by priority, metric
// charts, and the JSON and PDF downloads. The demo data ends yesterday, so it is fresh.

const SHOTS = "/tmp/e2e-shots";
const STATUSES = ["PASS", "WARNING", "CRITICAL"];

interface Check {
  id: string;
  priority: string;
  status: string;
  value: number | null;
  threshold: string;
  explanation: string;
}
interface Report {
  runId: number;
  report: { status: string; newestEventTs: number | null; checks: Check[]; series: { metric: string; priority: string; points: { day: string; value: number | null; status: string }[] }[] };
  history: { runId: number }[];
}

test.describe("Monitoring", () => {
  test("shows the overall status, checks by priority and the metric charts", async ({ page }) => {
    await page.goto("/monitoring");
    await expect(page.getByRole("heading", { name: "Monitoring", level: 1 })).toBeVisible();
    const overall = page.getByTestId("overall-status");
    await expect(overall).toBeVisible();
    const status = await overall.getAttribute("data-status");
    expect(STATUSES).toContain(status);
    await expect(overall).toHaveText(status!);

    // Demo data ending yesterday is fresh, and its revenue reconciles to the cent.
    await expect(page.locator('tr[data-check-id="freshness"]')).toHaveAttribute("data-status", "PASS");
    await expect(page.locator('tr[data-check-id="revenue_reconciliation"]')).toHaveAttribute("data-status", "PASS");
    await expect(page.locator('tr[data-check-id="revenue_reconciliation"]')).toContainText("0 differences");

    // Checks grouped by priority; the fixed P0 checks sit in P0.
    for (const p of ["P0", "P1", "P2"]) {
      const section = page.locator(`section[data-priority="${p}"]`);
      await expect(section).toBeVisible();
      await expect(section.locator("tr[data-check-id]").first()).toBeVisible();
    }
    for (const id of ["freshness", "revenue_reconciliation", "pipeline_health"]) {
      await expect(page.locator(`section[data-priority="P0"] tr[data-check-id="${id}"]`)).toHaveCount(1);
    }
    await expect(page.locator('section[data-priority="P1"] tr[data-check-id="anomaly_events"]')).toHaveCount(1);
    await expect(page.locator('section[data-priority="P2"] tr[data-check-id="anomaly_revenue"]')).toHaveCount(1);

    // The overall verdict is the worst check.
    const rowStatuses = await page.locator("tr[data-check-id]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status")));
    const worst = ["CRITICAL", "WARNING", "PASS"].find((s) => rowStatuses.includes(s));
    expect(status).toBe(worst);

    const charts = page.getByTestId("metric-charts");
    await expect(charts).toBeVisible();
    const events = charts.locator('section[data-metric="events"]');
    await expect(events).toBeVisible();
    await expect(events.getByRole("img")).toBeVisible();
    await expect(events.locator("svg.recharts-surface").first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/monitoring.png`, fullPage: true });
  });

  test("downloads the report as JSON: checks with values and thresholds, 14 days of series", async ({ page }) => {
    await page.goto("/monitoring");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^monitoring-run-\d+\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, "utf8")) as Report;
    const { report } = data;

    expect(STATUSES).toContain(report.status);
    expect(report.checks.length).toBeGreaterThan(3);
    for (const c of report.checks) {
      expect(typeof c.id).toBe("string");
      expect(["P0", "P1", "P2"]).toContain(c.priority);
      expect(STATUSES).toContain(c.status);
      expect(c).toHaveProperty("value");
      expect(c.value === null || typeof c.value === "number").toBe(true);
      expect(typeof c.threshold).toBe("string");
      expect(c.threshold.length).toBeGreaterThan(0);
    }
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get("freshness")).toMatchObject({ priority: "P0", status: "PASS" });
    expect(byId.get("revenue_reconciliation")).toMatchObject({ priority: "P0", status: "PASS", value: 0 });

    // The JSON is what the page shows: same checks, same statuses, same overall verdict.
    const shown = await page.locator("tr[data-check-id]").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-check-id"), tr.getAttribute("data-status")]));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(report.checks.map((c) => [c.id, c.status])));
    await expect(page.getByTestId("overall-status")).toHaveAttribute("data-status", report.status);

    // 14 days of demo data: 14 points per series, consecutive days, the last one yesterday.
    const events = report.series.find((s) => s.metric === "events");
    expect(events).toBeDefined();
    expect(events!.points).toHaveLength(14);
    const days = events!.points.map((p) => p.day);
    expect(new Set(days).size).toBe(14);
    expect([...days].sort()).toEqual(days);
    // The last day is yesterday (or the day before, when the database was set up before midnight UTC).
    const ageDays = (Date.now() - Date.parse(`${days[13]}T00:00:00Z`)) / 86_400_000;
    expect(ageDays).toBeGreaterThanOrEqual(1);
    expect(ageDays).toBeLessThan(3);
    expect(events!.points.every((p) => typeof p.value === "number" && p.value > 0)).toBe(true);
    for (const s of report.series) expect(s.points.map((p) => p.day)).toEqual(days);
    // A chart on the page for every series.
    const metrics = await page.getByTestId("metric-charts").locator("section[data-metric]").evaluateAll((els) => els.map((el) => el.getAttribute("data-metric")));
    expect(new Set(metrics)).toEqual(new Set(report.series.map((s) => s.metric)));
  });

  test("downloads the report as PDF", async ({ page }) => {
    await page.goto("/monitoring");
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^monitoring-run-\d+\.pdf$/);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(bytes.length).toBeGreaterThan(5_000);
  });
});

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
