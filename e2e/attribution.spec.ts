import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { lines as textLines, pdfText } from "../test/pdf-text";
import { demoPlan } from "./demo-plan";

// Attribution: marketers switch between first and last click, change the lookback window, and
// download the comparison of two models. Revenue is conserved: every model credits the same total.

const SHOTS = "/tmp/e2e-shots";

/** Revenue per channel of the channel table as shown now (raw numbers from data-value). */
async function channelRevenue(table: Locator): Promise<Record<string, number>> {
  const cells = table.locator("tbody td[data-channel]");
  const pairs = await cells.evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-channel") ?? "", Number(td.getAttribute("data-value"))] as const));
  return Object.fromEntries(pairs);
}

const cents = (n: number) => Math.round(n * 100);
const sumCents = (m: Record<string, number>) => Object.values(m).reduce((s, v) => s + cents(v), 0);

/** The channel table has settled on a model and a lookback: heading names both, nothing is loading. */
async function settled(page: Page, model: string, lookback: number) {
  const panel = page.getByRole("region", { name: "Channel performance" });
  await expect(panel.getByRole("heading", { level: 2 })).toContainText(`Channels · ${model}`);
  await expect(panel.getByRole("heading", { level: 2 })).toContainText(`${lookback}-day lookback`);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toHaveCount(0);
}

/** A CSV line split into fields (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

test.describe("Attribution", () => {
  test("first and last click credit channels differently but conserve total revenue", async ({ page }) => {
    await page.goto("/attribution");
    await expect(page.getByRole("heading", { name: "Attribution", level: 1 })).toBeVisible();
    const toggle = page.getByTestId("model-toggle");
    const first = toggle.getByRole("radio", { name: "First click", exact: true });
    const last = toggle.getByRole("radio", { name: "Last click", exact: true });
    const table = page.getByTestId("channel-table");

    await first.check();
    await expect(first).toBeChecked();
    await settled(page, "First click", 7);
    const byFirst = await channelRevenue(table);
    const totalFirst = Number(await page.getByTestId("channel-total-revenue").getAttribute("data-value"));
    await expect(page.getByTestId("kpi-top-channel")).toBeVisible();
    const topFirst = await page.getByTestId("kpi-top-channel").getAttribute("data-channel");

    await last.check();
    await expect(last).toBeChecked();
    await expect(first).not.toBeChecked();
    await settled(page, "Last click", 7);
    const byLast = await channelRevenue(table);
    const totalLast = Number(await page.getByTestId("channel-total-revenue").getAttribute("data-value"));
    await expect(page.getByTestId("kpi-top-channel")).toBeVisible();
    await expect(page.getByTestId("kpi-top-channel")).not.toHaveAttribute("data-channel", "");
    await page.screenshot({ path: `${SHOTS}/attribution-last-click.png`, fullPage: true });

    // Real data: several channels with revenue under each model.
    expect(Object.keys(byFirst).length).toBeGreaterThan(3);
    expect(Object.keys(byLast).length).toBeGreaterThan(3);
    expect(Object.values(byFirst).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(topFirst).toBeTruthy();

    // The models disagree about at least one channel...
    const channels = new Set([...Object.keys(byFirst), ...Object.keys(byLast)]);
    const changed = [...channels].filter((c) => cents(byFirst[c] ?? 0) !== cents(byLast[c] ?? 0));
    expect(changed.length).toBeGreaterThan(0);
    // ...but credit the same total, to the cent, and the table's total row is that sum.
    expect(sumCents(byFirst)).toBeGreaterThan(0);
    expect(sumCents(byFirst)).toBe(sumCents(byLast));
    expect(cents(totalFirst)).toBe(sumCents(byFirst));
    expect(cents(totalLast)).toBe(sumCents(byLast));
  });

  test("the lookback window changes the credit and still conserves revenue", async ({ page }) => {
    await page.goto("/attribution");
    const table = page.getByTestId("channel-table");
    const lookback = page.getByTestId("lookback");
    await expect(lookback).toHaveValue("7");
    await page.getByRole("radio", { name: "First click", exact: true }).check();
    await settled(page, "First click", 7);

    const read = async (days: number) => {
      const response = page.waitForResponse((r) => r.url().includes(`/api/attribution?lookback=${days}`));
      await lookback.selectOption(String(days));
      expect((await response).status()).toBe(200);
      await settled(page, "First click", days);
      // The download links follow the window.
      await expect(page.getByTestId("comparison-csv")).toHaveAttribute("href", new RegExp(`lookback=${days}\\b`));
      return channelRevenue(table);
    };
    const days30 = await read(30);
    const days1 = await read(1);
    await page.screenshot({ path: `${SHOTS}/attribution-lookback-1.png`, fullPage: true });

    // With a 1-day window fewer early touches are in reach: first-click credit moves between channels.
    const channels = new Set([...Object.keys(days30), ...Object.keys(days1)]);
    const changed = [...channels].filter((c) => cents(days30[c] ?? 0) !== cents(days1[c] ?? 0));
    expect(changed.length).toBeGreaterThan(0);
    expect(sumCents(days30)).toBeGreaterThan(0);
    expect(sumCents(days1)).toBe(sumCents(days30));

    // A bad window is refused with a message, not silently defaulted.
    const bad = await page.request.get("/api/attribution?lookback=5");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("lookback");
  });

  test("downloads the comparison as CSV (one row per channel) and as PDF", async ({ page }) => {
    await page.goto("/attribution");
    await page.getByRole("radio", { name: "First click", exact: true }).check();
    await settled(page, "First click", 7);
    const comparison = page.getByTestId("model-comparison");
    await expect(comparison.getByTestId("compare-a")).toHaveValue("first_click");
    await expect(comparison.getByTestId("compare-b")).toHaveValue("last_click");
    const tableChannels = await comparison.locator("[data-testid=comparison-table] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row")));
    const firstClick = await channelRevenue(page.getByTestId("channel-table"));

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("comparison-csv").click()]);
    expect(csv.suggestedFilename()).toMatch(/^attribution-first_click-vs-last_click-7d-run-\d+\.csv$/);
    const lines = readFileSync((await csv.path())!, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^channel,orders_first_click,revenue_first_click,orders_last_click,revenue_last_click\b/);
    const header = csvFields(lines[0]!);
    const rows = lines.slice(1).map(csvFields);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const csvChannels = rows.map((r) => r[0]);
    // One row per channel: no duplicates, the same channels as the comparison table on the page.
    expect(new Set(csvChannels).size).toBe(csvChannels.length);
    expect(csvChannels).toEqual(tableChannels);
    // Figures agree with the page and conserve revenue across the two models.
    const col = (name: string) => header.indexOf(name);
    for (const r of rows) expect(cents(Number(r[col("revenue_first_click")]))).toBe(cents(firstClick[r[0]!] ?? 0));
    const total = (name: string) => rows.reduce((s, r) => s + cents(Number(r[col(name)])), 0);
    expect(total("revenue_first_click")).toBe(sumCents(firstClick));
    expect(total("revenue_last_click")).toBe(total("revenue_first_click"));

    // The PDF prints what the page shows: the comparison table row for row (total included), and
    // the orders, revenue and sessions tiles.
    const shownRows = await comparison
      .locator("[data-testid=comparison-table] tbody tr, [data-testid=comparison-table] tfoot tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    expect(shownRows.length).toBe(tableChannels.length + 1);
    const tile = async (id: string) => (await page.getByTestId(id).locator(".value").innerText()).trim();
    const [orders, revenue, sessions] = [await tile("kpi-orders"), await tile("kpi-revenue"), await tile("kpi-sessions")];
    const aov = (await page.getByTestId("kpi-revenue").locator(".sub").innerText()).trim();

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByTestId("comparison-pdf").click()]);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(bytes.length).toBeGreaterThan(5_000);
    const { text: report } = pdfText(bytes);
    expect(report).toContain("First click vs Last click · 7-day lookback");
    const all = textLines(report);
    expect(all).toContain(`${orders} ${revenue} ${sessions}`);
    expect(all.some((l) => l.includes(aov))).toBe(true);
    // A difference without a base reads "—" on the page and "-" in the PDF; "−" is "-" there too.
    const pdfRows = all.filter((l) => shownRows.some((cells) => l.startsWith(`${cells[0]} `)) && (l.match(/\$[\d,]+\.\d\d/g) ?? []).length >= 2);
    expect(pdfRows).toEqual(shownRows.map((cells) => cells.join(" ").replace(/[—−]/g, "-")));
  });

  test("the cohorts panel follows the per device / per person switch, and its CSV is the view shown", async ({ page }) => {
    await page.goto("/attribution");
    await settled(page, "Last click", 7);
    const cohorts = page.getByRole("region", { name: /Customer cohorts/ });
    await expect(cohorts.getByRole("heading", { level: 2 })).toContainText("per device (client id)");
    await expect(page.getByTestId("cohorts-identity")).toContainText("Per device:");
    await expect(page.getByTestId("cohorts-identity")).toContainText(/[\d,]+ customers? per device (is|are) [\d,]+ persons?\./);
    await page.getByRole("radio", { name: "Per person" }).check();
    await expect(page).toHaveURL(/identity=person/);
    await expect(cohorts.getByRole("heading", { level: 2 })).toContainText("per person");
    await expect(page.getByTestId("cohorts-identity")).toContainText("Per person:");
    const shownRows = await page.getByTestId("cohorts-by-channel").locator("tbody tr").count();
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("cohorts-by-channel-csv").click()]);
    expect(csv.suggestedFilename()).toBe("attribution-cohorts-by-channel-per-person.csv");
    const lines = readFileSync((await csv.path())!, "utf8").trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(shownRows);
    // The PDF of this view prints the same cohorts, row for row as the page shows them.
    const cells = await page.getByTestId("cohorts-by-channel").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td, th")].map((c) => (c.textContent ?? "").trim()).join(" ")));
    const response = await page.request.get((await page.getByTestId("download-pdf").getAttribute("href"))!);
    expect(response.status()).toBe(200);
    const report = pdfText(await response.body()).text;
    expect(report).toContain("Customer cohorts, per person");
    const printed = textLines(report);
    for (const row of cells) expect(printed, row).toContain(row);
    // A reload keeps the view.
    await page.reload();
    await expect(cohorts.getByRole("heading", { level: 2 })).toContainText("per person");
  });

  test("per person: the switch lives in the URL, conserves revenue, says what stitching changes, and the PDF follows it", async ({ page }) => {
    await page.goto("/attribution?model=first_click");
    await settled(page, "First click", 7);
    const table = page.getByTestId("channel-table");
    const perDevice = await channelRevenue(table);
    await expect(page.getByTestId("identity-note")).toContainText("Per device.");
    // The demo's planted cross-device journeys (lib/demo/generator.ts): each buyer's phone click
    // becomes the first click per person; last click stays on the Direct purchase session.
    const n = (await demoPlan()).crossDevice.length;
    expect(n).toBeGreaterThan(0);
    await expect(page.getByTestId("identity-note")).toContainText(`${n} ${n === 1 ? "person uses" : "people use"} more than one device (${n} of them bought)`);
    await expect(page.getByTestId("identity-note")).toContainText(`Per person, 0 orders change channel under last click and ${n} under first click (7-day lookback)`);
    await page.getByRole("radio", { name: "Per person" }).check();
    await expect(page).toHaveURL(/identity=person/);
    await expect(page.getByTestId("identity-note")).toContainText("Per person.");
    // The same orders and revenue, whoever gets the credit: every person-level model conserves revenue.
    const perPerson = await channelRevenue(table);
    expect(sumCents(perPerson)).toBe(sumCents(perDevice));
    await page.reload();
    await expect(page.getByRole("radio", { name: "Per person" })).toBeChecked();
    const pdfLink = page.getByTestId("download-pdf");
    await expect(pdfLink).toHaveAttribute("href", /model=first_click&identity=person/);
    const response = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    const text = pdfText(await response.body()).text.replace(/\s+/g, " ");
    expect(text).toContain("Channels: First click, per person");
  });

  test("the model radios work from the keyboard", async ({ page }) => {
    await page.goto("/attribution");
    const first = page.getByRole("radio", { name: "First click", exact: true });
    await first.check();
    await settled(page, "First click", 7);
    await first.focus();
    await page.keyboard.press("ArrowRight");
    await expect(first).not.toBeChecked();
    const checked = page.getByTestId("model-toggle").locator("input[type=radio]:checked");
    await expect(checked).toHaveCount(1);
    // The next radio in the group is Last click, and the view follows the keyboard choice.
    await expect(page.getByRole("radio", { name: "Last click", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Last click", exact: true })).toBeFocused();
    await settled(page, "Last click", 7);
  });
});

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
