import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateDemo, type DemoResult } from "../lib/demo/generator";

// Runs & upload: the data set, sign-in, uploading new days from the browser, the run's progress,
// and what the other pages show afterwards. Upload files are made here with the demo generator, on
// days a month or more back so their names never collide with the demo data (which ends yesterday).
// The demo data set is made again here with scripts/setup-db.ts's parameters, so the expected days,
// rows and hashes come from the files themselves.

const PASSWORD = process.env.ANALYST_PASSWORD ?? "e2e-analyst-password";
const RUN_TIMEOUT = 90_000;
const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** scripts/setup-db.ts: 14 days ending yesterday (UTC), 3,500 events a day, seed 42. */
const DEMO = { days: 14, eventsPerDay: 3500, seed: 42, endDate: dayBefore(1) };

let dir = "";
let demo: DemoResult; // the demo data set the e2e database was loaded with (scripts/setup-db.ts)
let days: DemoResult; // two new days (seed 99)
let extra: DemoResult; // one more day, only ever sent together with a bad file
let single: DemoResult; // one new day, uploaded alone
let empty = "";
let unrelated = "";
let notCsv = "";

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "e2e-runs-"));
  demo = await generateDemo(DEMO, join(dir, "demo"));
  days = await generateDemo({ days: 2, eventsPerDay: 500, seed: 99, endDate: dayBefore(30) }, join(dir, "days"));
  extra = await generateDemo({ days: 1, eventsPerDay: 200, seed: 7, endDate: dayBefore(40) }, join(dir, "extra"));
  single = await generateDemo({ days: 1, eventsPerDay: 300, seed: 5, endDate: dayBefore(50) }, join(dir, "single"));
  empty = join(dir, "empty.csv");
  writeFileSync(empty, "");
  unrelated = join(dir, "orders_export.csv");
  writeFileSync(unrelated, "order_id,amount,currency\n1001,49.90,USD\n1002,12.00,USD\n");
  notCsv = join(dir, "notes.txt");
  writeFileSync(notCsv, "client_id,timestamp,event_name\n");
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const names = () => days.files.map((f) => basename(f));
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const int = (n: number) => n.toLocaleString("en-US");
/** events_20251201.csv → 2025-12-01 */
const dayOf = (path: string) => basename(path).replace(/^events_(\d{4})(\d{2})(\d{2}).*$/, "$1-$2-$3");

async function signIn(page: Page): Promise<void> {
  await page.goto("/runs");
  await page.getByLabel("Account").fill("admin");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Signed in as admin")).toBeVisible();
}

/** The input count of the run the dashboards show (first number of the accounting equation). */
async function dashboardInput(page: Page): Promise<number> {
  await page.goto("/data-quality");
  const first = await page.getByTestId("accounting").locator("b").first().innerText();
  return Number(first.replace(/,/g, ""));
}

async function topRunId(page: Page): Promise<number> {
  return Number(await page.getByRole("table", { name: "Runs" }).locator("tbody tr[data-run-id]").first().getAttribute("data-run-id"));
}

function runIdFrom(message: string): number {
  const m = /run #(\d+)/.exec(message);
  if (!m) throw new Error(`no run id in "${message}"`);
  return Number(m[1]);
}

/** Waits for a run to finish successfully; the progress bar is gone afterwards. */
async function waitForSuccess(page: Page, runId: number): Promise<void> {
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(row).toHaveAttribute("data-status", /succeeded|failed/, { timeout: RUN_TIMEOUT });
  await expect(row).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("run-progress")).toHaveCount(0, { timeout: RUN_TIMEOUT });
}

/** The cell of a row under the column headed `header` (found by its text, so column order may change). */
async function cell(page: Page, table: string, row: ReturnType<Page["locator"]>, header: string) {
  const heads = await page.getByRole("table", { name: table }).locator("thead th").allInnerTexts();
  const index = heads.findIndex((h) => h.trim() === header);
  if (index < 0) throw new Error(`no column "${header}" in table ${table}: ${heads.join(" | ")}`);
  return row.locator("td").nth(index);
}

/** The page does not scroll sideways: wide tables scroll inside their own box. */
async function expectNoPageOverflow(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, "page wider than the viewport").toBeLessThanOrEqual(width);
}

test.describe("The data set", () => {
  test("lists the demo's 14 days with their source, rows and hash; the demo run added them", async ({ page }) => {
    await page.goto("/runs");
    const table = page.getByRole("table", { name: "Data set" });
    await expect(table.locator("tbody tr")).toHaveCount(DEMO.days);
    for (const file of demo.files) {
      const name = basename(file);
      const row = table.locator(`tbody tr[data-file="${name}"]`);
      await expect(await cell(page, "Data set", row, "Day")).toHaveText(dayOf(file));
      await expect(await cell(page, "Data set", row, "Source")).toHaveText("Demo");
      const rows = await cell(page, "Data set", row, "Rows (loaded of input)");
      await expect(rows).toHaveText(new RegExp(`^[\\d,]+ of ${int(demo.rowsByFile[name]!)}$`));
      const loaded = Number((await rows.innerText()).split(" of ")[0]!.replace(/,/g, ""));
      expect(loaded).toBeGreaterThan(0);
      expect(loaded).toBeLessThanOrEqual(demo.rowsByFile[name]!);
      const hash = sha256(file);
      const shown = (await cell(page, "Data set", row, "Hash")).locator("[data-hash]");
      await expect(shown).toHaveText(hash.slice(0, 12));
      await expect(shown).toHaveAttribute("title", new RegExp(hash));
      await expect(await cell(page, "Data set", row, "Added (UTC)")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    }
    // Oldest day first.
    const shownDays = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-day")));
    expect(shownDays).toEqual(demo.files.map(dayOf).sort());
    const first = dayOf(demo.files[0]!);
    await expect(page.getByTestId("data-set-summary")).toContainText(`14 days from ${first} to ${DEMO.endDate}`);
    await expect(page.getByTestId("data-set-summary")).toContainText(`${int(demo.totalRows)} rows`);

    const runs = page.getByRole("table", { name: "Runs" });
    const demoRun = runs.locator("tbody tr[data-run-id]", { hasText: "Demo data" }).last();
    await expect(demoRun).toHaveAttribute("data-status", "succeeded");
    const what = await cell(page, "Runs", demoRun, "Mode and changes");
    await expect(what.getByTestId("run-mode")).toHaveText(/^(Full|Incremental)$/);
    await expect(what.getByTestId("run-changes")).toHaveText(/^\+14 days, recomputed \d+ days$/);
  });

  for (const who of ["signed out", "analyst"] as const) {
    test(`at 390 px wide (${who}) the page does not scroll sideways; the tables scroll in their box`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      if (who === "analyst") await signIn(page);
      else await page.goto("/runs");
      await expect(page.getByRole("table", { name: "Data set" })).toBeVisible();
      await expectNoPageOverflow(page, 390);
      const box = page.getByRole("region", { name: "Data set (scrolls sideways)" });
      const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(clientWidth).toBeLessThanOrEqual(390);
      expect(scrollWidth).toBeGreaterThan(clientWidth);
      // The scroll box is reachable by keyboard, so it can be scrolled with the arrow keys.
      await box.focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await expectNoPageOverflow(page, 390);
    });
  }
});

test.describe("Runs & upload, signed out", () => {
  test("shows the run list but no upload control; a wrong password is refused", async ({ page }) => {
    await page.goto("/runs");
    await expect(page.getByRole("heading", { name: "Runs & upload", level: 1 })).toBeVisible();
    const runs = page.getByRole("table", { name: "Runs" });
    await expect(runs.locator('tbody tr[data-status="succeeded"]').first()).toBeVisible();
    await expect(runs).toContainText("shown on the dashboards");
    await expect(runs.getByRole("link", { name: "findings" })).toHaveAttribute("href", "/data-quality");

    await expect(page.locator('input[type="file"]')).toHaveCount(0);
    await expect(page.getByText("Choose files")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Re-run" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Data set" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

    await page.getByLabel("Account").fill("admin");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong account name or password.");
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
  });

  test("the server refuses an upload whose session has gone", async ({ page, context }) => {
    await signIn(page);
    const before = await topRunId(page);
    await context.clearCookies();
    await page.getByLabel("Choose files").setInputFiles(days.files);
    await page.getByRole("button", { name: "Upload 2 files" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Sign in as an analyst to do this.");
    await page.reload();
    await expect(page.getByLabel("Password")).toBeVisible();
    expect(await topRunId(page)).toBe(before);
  });
});

test.describe("Rejected files", () => {
  test("empty, non-CSV and unrelated files are refused with a clear message and change nothing", async ({ page }) => {
    await signIn(page);
    const before = await topRunId(page);
    const stored = await page.getByRole("table", { name: "Data set" }).locator("tbody tr").count();
    const input = page.getByLabel("Choose files");
    const upload = page.getByRole("button", { name: /^Upload/ });

    // Checked in the browser: nothing is sent.
    await input.setInputFiles([empty, notCsv]);
    const precheck = page.locator("main").getByRole("alert");
    await expect(precheck).toContainText("Nothing was sent: 2 files cannot be uploaded.");
    await expect(precheck).toContainText("The file is empty.");
    await expect(precheck).toContainText("Only event exports ending in .csv or .csv.gz can be uploaded.");
    await expect(upload).toBeDisabled();
    await page.getByRole("button", { name: "Clear" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveCount(0);

    // Checked by the server: one bad file rejects the whole upload, the good one included.
    await input.setInputFiles([unrelated, ...extra.files]);
    await upload.click();
    const rejected = page.locator("main").getByRole("alert");
    await expect(rejected).toContainText("1 of 2 files were rejected; nothing was uploaded.");
    await expect(rejected).toContainText("orders_export.csv");
    await expect(rejected).toContainText("This is not an event export: its columns (order_id, amount, currency)");

    await page.reload();
    expect(await topRunId(page)).toBe(before);
    const files = page.getByRole("table", { name: "Data set" });
    await expect(files.locator("tbody tr")).toHaveCount(stored);
    await expect(files).not.toContainText("orders_export.csv");
    await expect(files).not.toContainText(basename(extra.files[0]!));
  });
});

test.describe.serial("Uploading one new day", () => {
  test("the day joins the data set as an upload, and its run says what it changed; removing it takes it out", async ({ page }) => {
    test.setTimeout(2 * RUN_TIMEOUT + 30_000);
    const file = single.files[0]!;
    const name = basename(file);
    await signIn(page);
    const table = page.getByRole("table", { name: "Data set" });
    const before = await table.locator("tbody tr").count();
    await expect(table.locator(`tr[data-file="${name}"]`)).toHaveCount(0);

    await page.getByLabel("Choose files").setInputFiles([file]);
    await page.getByRole("button", { name: "Upload 1 file" }).click();
    const result = page.locator("main").getByRole("status").filter({ hasText: "started" });
    await expect(result.locator(`li[data-status="added"]`, { hasText: name })).toBeVisible();
    const runId = runIdFrom(await result.locator("p").innerText());
    await waitForSuccess(page, runId);

    const row = table.locator(`tbody tr[data-file="${name}"]`);
    await expect(table.locator("tbody tr")).toHaveCount(before + 1);
    await expect(await cell(page, "Data set", row, "Day")).toHaveText(dayOf(file));
    await expect(await cell(page, "Data set", row, "Source")).toHaveText("Upload");
    await expect(await cell(page, "Data set", row, "Rows (loaded of input)")).toHaveText(new RegExp(`^[\\d,]+ of ${int(single.totalRows)}$`));
    await expect((await cell(page, "Data set", row, "Hash")).locator("[data-hash]")).toHaveText(sha256(file).slice(0, 12));
    // The new day is the oldest one.
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-file", name);
    await expect(page.getByTestId("data-set-summary")).toContainText(`${before + 1} days from ${dayOf(file)} to`);

    const run = page.locator(`tr[data-run-id="${runId}"]`);
    await expect(await cell(page, "Runs", run, "Trigger")).toHaveText("Upload");
    await expect(run).toHaveAttribute("data-mode", /^(full|incremental)$/);
    const what = await cell(page, "Runs", run, "Mode and changes");
    await expect(what.getByTestId("run-mode")).toHaveText(/^(Full|Incremental)$/);
    await expect(what.getByTestId("run-changes")).toHaveText(/^\+1 day, recomputed \d+ days?$/);

    await page.getByRole("button", { name: `Remove ${name}` }).click();
    await page.getByRole("button", { name: "Yes, remove" }).click();
    const removed = page.locator("main").getByRole("status").filter({ hasText: `Removed ${name}` });
    const removeRun = runIdFrom(await removed.innerText());
    await waitForSuccess(page, removeRun);
    await expect(table.locator(`tr[data-file="${name}"]`)).toHaveCount(0);
    await expect(table.locator("tbody tr")).toHaveCount(before);
    const removal = page.locator(`tr[data-run-id="${removeRun}"]`);
    await expect(await cell(page, "Runs", removal, "Trigger")).toHaveText("Re-run");
    await expect((await cell(page, "Runs", removal, "Mode and changes")).getByTestId("run-changes")).toHaveText(/^1 removed, recomputed \d+ days?$/);
  });
});

test.describe.serial("Uploading new days", () => {
  let inputBefore = 0;

  test("two new days are loaded by a run, and the pages show them", async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT + 60_000);
    inputBefore = await dashboardInput(page);
    for (const name of names()) await expect(page.locator("table.data").first()).not.toContainText(name);

    await signIn(page);
    await page.getByLabel("Choose files").setInputFiles(days.files);
    await expect(page.getByRole("list", { name: "Chosen files" }).getByText("ready")).toHaveCount(2);
    await page.getByRole("button", { name: "Upload 2 files" }).click();

    const result = page.locator("main").getByRole("status").filter({ hasText: "started" });
    await expect(result).toContainText("2 file(s) added or replaced; run #");
    for (const name of names()) await expect(result.locator(`li[data-status="added"]`, { hasText: name })).toBeVisible();
    const runId = runIdFrom(await result.locator("p").innerText());

    const progress = page.getByTestId("run-progress");
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("role", "progressbar");
    const now = Number(await progress.getAttribute("aria-valuenow"));
    expect(now).toBeGreaterThanOrEqual(0);
    expect(now).toBeLessThanOrEqual(100);
    await expect(progress).toHaveAttribute("aria-label", `Run #${runId} progress`);

    await waitForSuccess(page, runId);
    await expect(page.locator(`tr[data-run-id="${runId}"]`)).toContainText("shown on the dashboards");
    const stored = page.getByRole("table", { name: "Data set" });
    for (const name of names()) await expect(stored.locator(`tr[data-file="${name}"]`)).toContainText("Upload");

    expect(await dashboardInput(page)).toBe(inputBefore + days.totalRows);
    const fileTable = page.locator("table.data").first();
    for (const name of names()) await expect(fileTable).toContainText(name);
  });

  test("uploading the same two files again changes nothing and starts no run", async ({ page }) => {
    await signIn(page);
    const before = await topRunId(page);
    await page.getByLabel("Choose files").setInputFiles(days.files);
    await page.getByRole("button", { name: "Upload 2 files" }).click();
    const result = page.locator("main").getByRole("status").filter({ hasText: "nothing changed" });
    await expect(result).toHaveText(/These files are already in the data set: nothing changed, no new run\./);
    await expect(result.locator('li[data-status="unchanged"]')).toHaveCount(2);
    await expect(page.getByTestId("run-progress")).toHaveCount(0);
    await page.reload();
    expect(await topRunId(page)).toBe(before);
  });

  test("removing both files (by keyboard, after a confirmation) takes the pages back", async ({ page }) => {
    test.setTimeout(2 * RUN_TIMEOUT);
    await signIn(page);
    const [first, second] = names();
    const remove = (name: string) => page.getByRole("button", { name: `Remove ${name}` });

    // Escape cancels and gives focus back to the Remove button.
    await remove(first!).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Yes, remove" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(remove(first!)).toBeFocused();

    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(page.locator("main").getByRole("status").filter({ hasText: `Removed ${first}` })).toBeVisible();
    await remove(second!).click();
    await page.getByRole("button", { name: "Yes, remove" }).click();
    const removed = page.locator("main").getByRole("status").filter({ hasText: `Removed ${second}` });
    await expect(removed).toBeVisible();

    await waitForSuccess(page, runIdFrom(await removed.innerText()));
    await expect(page.getByRole("table", { name: "Data set" })).not.toContainText(first!);
    expect(await dashboardInput(page)).toBe(inputBefore);
    for (const name of names()) await expect(page.locator("table.data").first()).not.toContainText(name);
  });
});
