import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parseCsv } from "../lib/pipeline/csv";
import { ADMIN_PASSWORD, signInAs } from "./auth";

// Sortable tables (components/ui/data-table.tsx): a header's button sorts the table, the header
// says so with aria-sort, and the table's CSV button downloads exactly the rows and columns on
// screen, in the order on screen. The CSV holds plain numbers (no separators or signs of units;
// the unit is in the header), so a cell is compared by value at the precision the screen shows.

const SHOTS = "/tmp/shots-b";

/** The records of a downloaded CSV, read with the project's CSV reader (as e2e/data.spec.ts does). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  parseCsv(text, (fields) => records.push(fields));
  return records;
}

/** "$1,234.50" → { value: 1234.5, decimals: 2 }; "−12.5%" → -12.5; "37 s" → 37; text that is not a number → null. */
function shownNumber(text: string): { value: number; decimals: number } | null {
  const m = /^([+\-−])?\$?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?(?:%| s)?$/.exec(text);
  if (!m) return null;
  const value = Number(`${m[2]!.replace(/,/g, "")}.${m[3] ?? "0"}`) * (m[1] === "-" || m[1] === "−" ? -1 : 1);
  return { value, decimals: m[3]?.length ?? 0 };
}

/**
 * A CSV cell holds what the screen cell shows: the same text, an empty cell for "—", or the same
 * number written plain, at least as precise as the screen (dollars always have 2 decimals).
 */
function expectSameCell(screen: string, csv: string, where: string): void {
  if (screen === "—") return expect(csv, where).toBe("");
  const shown = shownNumber(screen);
  if (!shown) return expect(csv, where).toBe(screen);
  expect(csv, `${where}: a plain number`).toMatch(/^-?\d+(\.\d+)?$/);
  const decimals = csv.split(".")[1]?.length ?? 0;
  expect(decimals, `${where}: ${csv} is at least as precise as ${screen}`).toBeGreaterThanOrEqual(shown.decimals);
  if (screen.includes("$")) expect(decimals, `${where}: dollars have 2 decimals`).toBe(2);
  // Rounded once for the screen and once for the CSV: the two differ by at most half a unit of each.
  const tolerance = decimals > shown.decimals ? 0.5 * 10 ** -shown.decimals + 0.5 * 10 ** -decimals : 0;
  expect(Math.abs(Number(csv) - shown.value), `${where}: ${csv} vs ${screen}`).toBeLessThanOrEqual(tolerance + 1e-9);
}

/** The cells of a table's rows as shown, body then footer. */
async function shownRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr, tfoot tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
}

/** The column headers' texts (the sort arrows are drawn by CSS, not text). */
async function shownHeaders(table: Locator): Promise<string[]> {
  return table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
}

/** Clicks a CSV button and returns the file's name and records. */
async function downloadCsv(page: Page, button: Locator): Promise<{ name: string; records: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), records: csvRecords(readFileSync((await download.path())!, "utf8")) };
}

/** The CSV equals the table on screen: headers (plus a unit), then every row, cell by cell, in order. */
async function expectCsvIsTable(page: Page, table: Locator, button: Locator): Promise<{ name: string; records: string[][] }> {
  const headers = await shownHeaders(table);
  const rows = await shownRows(table);
  const csv = await downloadCsv(page, button);
  const [head, ...body] = csv.records;
  expect(head).toHaveLength(headers.length);
  headers.forEach((h, i) => expect(head![i] === h || head![i]!.startsWith(`${h} (`), `CSV header "${head![i]}" is "${h}" with its unit`).toBe(true));
  expect(body.length, "one CSV row per row shown (totals included)").toBe(rows.length);
  rows.forEach((cells, r) => {
    expect(body[r], `row ${r + 1}`).toHaveLength(cells.length);
    cells.forEach((cell, c) => expectSameCell(cell, body[r]![c]!, `row ${r + 1} (${cells[0]}), ${headers[c]}`));
  });
  return csv;
}

const descending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1]! >= v);
const ascending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1]! <= v);

/** The attribution view has settled: the channel heading names the model, nothing is loading. */
async function attributionSettled(page: Page, model: string) {
  await expect(page.getByRole("region", { name: "Channel performance" }).getByRole("heading", { level: 2 })).toContainText(`Channels · ${model}`);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

test.describe("Sortable tables with a CSV of what they show", () => {
  test("attribution: the channel table sorts by revenue (mouse and keyboard) and its CSV is the table on screen", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/attribution");
    await page.getByRole("radio", { name: "First click", exact: true }).check();
    await attributionSettled(page, "First click");
    const table = page.getByTestId("channel-table");
    const revenueHeader = table.getByRole("columnheader", { name: "Revenue", exact: true });
    const revenues = () => table.locator("tbody td[data-channel]").evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    const channels = async () => (await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row") ?? ""))).sort();
    const before = await channels();
    expect(before.length).toBeGreaterThan(3);
    const totalBefore = await page.getByTestId("channel-total-revenue").innerText();

    // Nothing sorted yet: every sortable header says "none".
    await expect(table.locator("thead th[aria-sort]")).toHaveCount(8);
    await expect(table.locator('thead th[aria-sort="none"]')).toHaveCount(8);

    // First click: largest revenue first, read from the cells' values and from their text.
    await revenueHeader.getByRole("button").click();
    await expect(revenueHeader).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator('thead th[aria-sort="none"]')).toHaveCount(7);
    const down = await revenues();
    expect(descending(down), `revenue descending: ${down.join(", ")}`).toBe(true);
    expect(down[0]).toBeGreaterThan(down[down.length - 1]!);
    const shownDown = (await table.locator("tbody td[data-channel]").allInnerTexts()).map((t) => shownNumber(t)!.value);
    expect(descending(shownDown)).toBe(true);
    // The same rows, only reordered; the total stays under them.
    expect(await channels()).toEqual(before);
    await expect(page.getByTestId("channel-total-revenue")).toHaveText(totalBefore);
    await page.screenshot({ path: `${SHOTS}/attribution-sorted-1440.png`, fullPage: true });

    // The header's button works from the keyboard: Enter reverses the order.
    await revenueHeader.getByRole("button").focus();
    await page.keyboard.press("Enter");
    await expect(revenueHeader).toHaveAttribute("aria-sort", "ascending");
    expect(ascending(await revenues())).toBe(true);
    await page.keyboard.press("Enter");
    await expect(revenueHeader).toHaveAttribute("aria-sort", "descending");

    // Another model: the sort stays, on the new figures.
    await page.getByRole("radio", { name: "Last click", exact: true }).check();
    await attributionSettled(page, "Last click");
    await expect(revenueHeader).toHaveAttribute("aria-sort", "descending");
    expect(descending(await revenues())).toBe(true);

    // The CSV: named after the table, model and lookback; exactly the rows on screen, in this order.
    const csv = await expectCsvIsTable(page, table, page.getByTestId("channel-table-csv"));
    expect(csv.name).toBe("attribution-channels-last_click-7d.csv");
    expect(csv.records[0]).toEqual(["Channel", "Sessions", "Credited orders", "Revenue (USD)", "Share of revenue (%)", "Conversion rate (%)", "AOV (USD)", "Revenue / session (USD)"]);
    const cents = (n: number) => Math.round(n * 100);
    expect(csv.records.slice(1, -1).map((r) => cents(Number(r[3])))).toEqual((await revenues()).map(cents));
    expect(csv.records.at(-1)![0]).toBe("Total");

    // Sorted by channel name (A to Z on the first click), the CSV follows.
    const channelHeader = table.getByRole("columnheader", { name: "Channel", exact: true });
    await channelHeader.getByRole("button").click();
    await expect(channelHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(revenueHeader).toHaveAttribute("aria-sort", "none");
    const names = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row") ?? ""));
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, "en", { sensitivity: "base", numeric: true })));
    const byName = await expectCsvIsTable(page, table, page.getByTestId("channel-table-csv"));
    expect(byName.records.slice(1, -1).map((r) => r[0])).toEqual(names);

    // The paths table (the top paths shown, not all paths) sorts and exports the same way.
    const paths = page.getByTestId("paths-table");
    const touches = paths.getByRole("columnheader", { name: "Touches", exact: true });
    await touches.getByRole("button").click();
    await expect(touches).toHaveAttribute("aria-sort", "descending");
    const shownTouches = (await paths.locator("tbody tr td:nth-child(2)").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
    expect(descending(shownTouches)).toBe(true);
    const pathCsv = await expectCsvIsTable(page, paths, page.getByTestId("paths-table-csv"));
    expect(pathCsv.name).toMatch(/^attribution-paths-top-\d+-7d\.csv$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/attribution-sorted-390.png`, fullPage: true });
  });

  test("data quality: the file table sorts by quarantined rows and its CSV is the table on screen", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/data-quality");
    const table = page.getByTestId("file-table");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const quarantined = table.getByRole("columnheader", { name: "Quarantined", exact: true });
    await expect(quarantined).toHaveAttribute("aria-sort", "none");
    const column = async (n: number) => (await table.locator(`tbody tr td:nth-child(${n})`).allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
    const files = async () => (await table.locator("tbody tr td:first-child").allInnerTexts()).sort();
    const before = await files();
    expect(before.length).toBeGreaterThan(3);

    await quarantined.getByRole("button").click();
    await expect(quarantined).toHaveAttribute("aria-sort", "descending");
    const down = await column(8);
    expect(descending(down), down.join(", ")).toBe(true);
    expect(down[0]).toBeGreaterThan(0);
    expect(await files()).toEqual(before);
    await quarantined.getByRole("button").click();
    await expect(quarantined).toHaveAttribute("aria-sort", "ascending");
    expect(ascending(await column(8))).toBe(true);
    // The planted defects give some files a missing column ("—" elsewhere) and an aliased header: both kinds of cell are in the CSV.
    const csv = await expectCsvIsTable(page, table, page.getByTestId("file-table-csv"));
    expect(csv.name).toBe("data-quality-files.csv");
    expect(csv.records[0]).toEqual(["File", "Day", "Rows", "Header", "Missing columns", "Empty client id (%)", "Null referrer (%)", "Quarantined", "Duplicates", "Score (0-100)"]);
    expect(csv.records.slice(1).map((r) => r[0])).toEqual(await table.locator("tbody tr td:first-child").allInnerTexts());
    expect(csv.records.slice(1).some((r) => r[4] !== "")).toBe(true);
    expect(csv.records.slice(1).some((r) => r[3] === "aliased")).toBe(true);
    await page.screenshot({ path: `${SHOTS}/data-quality-sorted-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/data-quality-sorted-390.png`, fullPage: true });
  });

  test("executive summary: the channel mix and the top products sort, and their CSVs name the period and model", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/");
    const mix = page.getByTestId("channel-mix");
    await expect(mix.locator("[data-channel]").first()).toBeVisible();
    const revenueHeader = mix.getByRole("columnheader", { name: "Revenue", exact: true });
    await expect(revenueHeader).toHaveAttribute("aria-sort", "none");
    // Ascending on the second click: the smallest channel first.
    await revenueHeader.getByRole("button").click();
    await revenueHeader.getByRole("button").click();
    await expect(revenueHeader).toHaveAttribute("aria-sort", "ascending");
    const cells = await mix.locator("[data-channel]").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("[role=cell]")].map((c) => c.textContent?.trim() ?? "")));
    expect(cells.length).toBeGreaterThan(3);
    expect(ascending(cells.map((c) => shownNumber(c[3]!)!.value))).toBe(true);
    const csv = await downloadCsv(page, page.getByTestId("channel-mix-csv"));
    expect(csv.name).toMatch(/^executive-channel-mix-last_click-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.records[0]).toEqual(["Channel", "Share of revenue (%)", "Revenue (USD)"]);
    // The rows shown (name, share, revenue; the bar is not data), in the order shown.
    expect(csv.records.length - 1).toBe(cells.length);
    cells.forEach(([channel, , share, revenue], i) => {
      const row = csv.records[i + 1]!;
      expect(row[0]).toBe(channel);
      expectSameCell(share!, row[1]!, `${channel} share`);
      expectSameCell(revenue!, row[2]!, `${channel} revenue`);
    });

    const products = page.getByTestId("top-products");
    const units = products.getByRole("columnheader", { name: "Units", exact: true });
    await units.getByRole("button").click();
    await expect(units).toHaveAttribute("aria-sort", "descending");
    const shownUnits = (await products.locator("tbody tr td:nth-child(2)").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
    expect(descending(shownUnits)).toBe(true);
    const rows = await shownRows(products);
    const productCsv = await downloadCsv(page, page.getByTestId("top-products-csv"));
    expect(productCsv.name).toMatch(/^executive-top-products-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(productCsv.records[0]).toEqual(["Product", "Units", "Orders", "Revenue (USD)", "Of which estimated (USD)"]);
    expect(productCsv.records.length - 1).toBe(rows.length);
    // Every demo item has a price: nothing estimated, so the last column is empty like the screen's note.
    rows.forEach((cells, r) => {
      const row = productCsv.records[r + 1]!;
      cells.forEach((cell, c) => expectSameCell(cell, row[c]!, `${cells[0]} column ${c + 1}`));
      expect(row[4]).toBe("");
    });
    await page.screenshot({ path: `${SHOTS}/executive-sorted-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/executive-sorted-390.png`, fullPage: true });
  });

  test("monitoring: every check table and the run history sort and have a CSV", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/monitoring");
    for (const p of ["P0", "P1", "P2"]) {
      const table = page.getByTestId(`checks-${p}`);
      await expect(table.locator("thead th[aria-sort]")).toHaveCount(4);
      await expect(page.getByTestId(`checks-${p}-csv`)).toBeVisible();
    }
    // Status sorts worst first; the CSV splits the check's name and id into two columns.
    const table = page.getByTestId("checks-P1");
    const status = table.getByRole("columnheader", { name: "Status", exact: true });
    await status.getByRole("button").click();
    await expect(status).toHaveAttribute("aria-sort", "ascending");
    const rank = { CRITICAL: 0, WARNING: 1, PASS: 2 } as Record<string, number>;
    const statuses = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status") ?? ""));
    expect(ascending(statuses.map((s) => rank[s]!))).toBe(true);
    const ids = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-check-id") ?? ""));
    const csv = await downloadCsv(page, page.getByTestId("checks-P1-csv"));
    expect(csv.name).toBe("monitoring-checks-p1.csv");
    expect(csv.records[0]).toEqual(["Status", "Check", "Check id", "Value (with its unit)", "Threshold", "Explanation"]);
    expect(csv.records.slice(1).map((r) => [r[0], r[2]])).toEqual(statuses.map((s, i) => [s, ids[i]]));

    const history = page.getByTestId("monitoring-history");
    await expect(history.locator("thead th[aria-sort]")).toHaveCount(5);
    const historyCsv = await downloadCsv(page, page.getByTestId("monitoring-history-csv"));
    expect(historyCsv.name).toBe("monitoring-run-history.csv");
    expect(historyCsv.records.slice(1).map((r) => `#${r[0]}`)).toEqual(await history.locator("tbody tr td:first-child").evaluateAll((tds) => tds.map((td) => (td.textContent ?? "").replace(/ \(current\)$/, ""))));
    await page.screenshot({ path: `${SHOTS}/monitoring-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/monitoring-390.png`, fullPage: true });
  });
  test("traffic: the channel table sorts and exports what it shows; the long tables export the rows shown, then all of them", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/traffic?period=all");
    const table = page.getByTestId("traffic-channels");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const bounce = table.getByRole("columnheader", { name: "Bounce", exact: true });
    await bounce.getByRole("button").click();
    await expect(bounce).toHaveAttribute("aria-sort", "descending");
    const shown = (await table.locator("tbody tr td:nth-child(4)").allInnerTexts()).map((t) => shownNumber(t)!.value);
    expect(descending(shown), shown.join(", ")).toBe(true);
    const csv = await expectCsvIsTable(page, table, page.getByTestId("traffic-channels-csv"));
    expect(csv.name).toMatch(/^traffic-channels-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    // Shares of one breakdown add up to the whole (to the rounding of each).
    const shares = csv.records.slice(1).map((r) => Number(r[2]));
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.01 * shares.length);

    // Source / medium / campaign: the first 25 combinations, then all; the CSV follows what is shown.
    const sources = page.getByTestId("traffic-sources");
    await expect(sources.locator("tbody tr")).toHaveCount(25);
    const first = await downloadCsv(page, page.getByTestId("traffic-sources-csv"));
    expect(first.records).toHaveLength(26);
    expect(first.records[0]!.slice(0, 7)).toEqual(["Channel", "Source", "Source (decoded)", "Medium", "Medium (decoded)", "Campaign", "Campaign (decoded)"]);
    const showAll = page.getByRole("button", { name: /^Show all \d+$/ }).first();
    const all = Number((await showAll.innerText()).replace(/\D/g, ""));
    await showAll.click();
    await expect(sources.locator("tbody tr")).toHaveCount(all);
    const everything = await downloadCsv(page, page.getByTestId("traffic-sources-csv"));
    expect(everything.records).toHaveLength(all + 1);
    // The demo tags paid search with hashed mediums: the decoded name is in its own column.
    expect(everything.records.some((r) => r[3] === "AE24AC" && r[4] === "cpc")).toBe(true);
  });

  test("runs, data set and findings: the tables without sorting still download exactly their rows", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/runs");
    const runIds = await page.locator("tr[data-run-id]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run-id") ?? ""));
    expect(runIds.length).toBeGreaterThan(0);
    const runs = await downloadCsv(page, page.getByTestId("runs-csv"));
    expect(runs.name).toBe("runs.csv");
    expect(runs.records.slice(1).map((r) => r[0])).toEqual(runIds);
    const statuses = await page.locator("tr[data-run-id]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status") ?? ""));
    expect(runs.records.slice(1).map((r) => r[10])).toEqual(statuses);

    const files = await page.locator("tr[data-file]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-file") ?? ""));
    const dataSet = await downloadCsv(page, page.getByTestId("data-set-csv"));
    expect(dataSet.records.slice(1).map((r) => r[1])).toEqual(files);
    expect(dataSet.records.slice(1).every((r) => /^[0-9a-f]{64}$/.test(r[6]!))).toBe(true);

    await page.goto("/data-quality");
    const finding = page.locator("details.finding").first();
    const code = (await finding.getAttribute("data-code"))!;
    await finding.locator("summary").click();
    const rows = await finding.locator("tbody tr td:first-child").allInnerTexts();
    const csv = await downloadCsv(page, page.getByTestId(`finding-${code}-csv`));
    expect(csv.records.slice(1).map((r) => [r[0], r[2]])).toEqual(rows.map((file) => [code, file]));
  });
});

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
