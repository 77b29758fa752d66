import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateDemo, type DemoResult } from "../lib/demo/generator";

// Runs & upload: sign-in, uploading new days from the browser, the run's progress, and what the
// other pages show afterwards. Upload files are made here with the demo generator, on days a month
// back so their names never collide with the demo data (which ends yesterday).

const PASSWORD = process.env.ANALYST_PASSWORD ?? "e2e-analyst-password";
const RUN_TIMEOUT = 90_000;
const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

let dir = "";
let days: DemoResult; // two new days (seed 99)
let extra: DemoResult; // one more day, only ever sent together with a bad file
let empty = "";
let unrelated = "";
let notCsv = "";

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "e2e-runs-"));
  days = await generateDemo({ days: 2, eventsPerDay: 500, seed: 99, endDate: dayBefore(30) }, join(dir, "days"));
  extra = await generateDemo({ days: 1, eventsPerDay: 200, seed: 7, endDate: dayBefore(40) }, join(dir, "extra"));
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

async function signIn(page: Page): Promise<void> {
  await page.goto("/runs");
  await page.getByLabel("Analyst password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Signed in as analyst")).toBeVisible();
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
    await expect(page.getByRole("table", { name: "Stored files" })).toHaveCount(0);

    await page.getByLabel("Analyst password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong password.");
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
    await expect(page.getByLabel("Analyst password")).toBeVisible();
    expect(await topRunId(page)).toBe(before);
  });
});

test.describe("Rejected files", () => {
  test("empty, non-CSV and unrelated files are refused with a clear message and change nothing", async ({ page }) => {
    await signIn(page);
    const before = await topRunId(page);
    const stored = await page.getByRole("table", { name: "Stored files" }).locator("tbody tr").count();
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
    const files = page.getByRole("table", { name: "Stored files" });
    await expect(files.locator("tbody tr")).toHaveCount(stored);
    await expect(files).not.toContainText("orders_export.csv");
    await expect(files).not.toContainText(basename(extra.files[0]!));
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
    const stored = page.getByRole("table", { name: "Stored files" });
    for (const name of names()) await expect(stored).toContainText(name);

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
    await expect(page.getByRole("table", { name: "Stored files" })).not.toContainText(first!);
    expect(await dashboardInput(page)).toBe(inputBefore);
    for (const name of names()) await expect(page.locator("table.data").first()).not.toContainText(name);
  });
});
