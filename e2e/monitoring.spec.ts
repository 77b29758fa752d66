import { mkdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { lines, pdfText } from "../test/pdf-text";

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
    // What the page shows: the verdict, its summary line, and each check's status, name and value.
    const status = await page.getByTestId("overall-status").getAttribute("data-status");
    const summary = (await page.getByTestId("status-summary").innerText()).trim();
    const checks = await page.locator("tr[data-check-id]").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-check-id") ?? "",
        status: tr.getAttribute("data-status") ?? "",
        name: tr.querySelector("td:nth-child(2) b")?.textContent?.trim() ?? "",
        value: tr.querySelector("td.num")?.textContent?.trim() ?? "",
      })),
    );
    expect(checks.length).toBeGreaterThan(3);

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^monitoring-run-\d+\.pdf$/);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(bytes.length).toBeGreaterThan(5_000);

    const { text } = pdfText(bytes);
    expect(text).toContain(`${status}: ${summary}`);
    // The KPI row: overall, critical, warnings, "passing of total" as the page's rows count them.
    const count = (s: string) => checks.filter((c) => c.status === s).length;
    expect(lines(text).some((l) => l.startsWith(`${status} ${count("CRITICAL")} ${count("WARNING")} ${count("PASS")} of ${checks.length} `))).toBe(true);
    // One table row per check, in the page's order: "STATUS Name value ..." (a long name wraps onto
    // the next line). The PDF's built-in font has no minus sign (U+2212): it prints "-".
    const rows = lines(text).filter((l) => /^(PASS|WARNING|CRITICAL) [A-Z][a-z]/.test(l));
    expect(rows).toHaveLength(checks.length);
    const hours = (v: string) => Number(v.split(" ")[0]) * (v.endsWith("days") ? 24 : 1);
    checks.forEach((c, i) => {
      const row = rows[i]!;
      expect(row.startsWith(`${c.status} `), `${c.id}: ${row}`).toBe(true);
      const value = c.value.replace(/\u2212/g, "-");
      // Freshness is measured when each is made: its hours may tick by 0.1 between page and download.
      const found = c.id === "freshness" ? / [\d.]+ (h|days) /.exec(row) : row.includes(` ${value} `) ? { index: row.indexOf(` ${value} `), 0: ` ${value} ` } : null;
      expect(found, `${c.id}: ${value} in "${row}"`).not.toBeNull();
      if (c.id === "freshness") expect(Math.abs(hours(found![0].trim()) - hours(value)), `${found![0]} vs ${value}`).toBeLessThanOrEqual(0.2);
      // The words between status and value are the check's name (or its first line).
      const name = row.slice(c.status.length + 1, found!.index);
      expect(c.name.startsWith(name) && name.length >= Math.min(c.name.length, 12), `${c.id}: "${name}" is "${c.name}"`).toBe(true);
    });
  });
});

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
