/**
 * Every number carries its caveats, and every page says which definitions its numbers use. The
 * demo's fourth file has no referrer column, so over the whole data the channel shares carry a
 * caveat naming that day (read from the JSON summary, independently of the pages); the executive
 * summary and the attribution page print it beside the channel figures, and the PDFs too. An
 * analyst changes the session timeout; after the rebuild the pages say 45 minutes.
 */
import { expect, test, type Page } from "@playwright/test";
import { lines, pdfText } from "../test/pdf-text";
import { ADMIN_PASSWORD, signInAs } from "./auth";

test.describe.configure({ mode: "serial" });

/** Read from the CSV exports, not from the pages: the MISSING_COLUMN findings naming referrer, and the complete days. */
async function referrerlessDays(page: Page): Promise<{ days: string[]; total: number }> {
  const csv = async (table: string) => {
    const res = await page.request.get(`/api/data/${table}`);
    expect(res.ok(), table).toBe(true);
    const [header, ...rows] = (await res.text()).trim().split(/\r?\n/).map((l) => l.split(","));
    return rows.map((r) => Object.fromEntries(header!.map((h, k) => [h, r[k] ?? ""])));
  };
  const findings = await csv("quality_findings");
  const days = findings.filter((f) => f.code === "MISSING_COLUMN" && /referrer/.test(Object.values(f).join(","))).map((f) => f.day!);
  const daily = await csv("daily_metrics");
  return { days: [...new Set(days)].sort(), total: daily.filter((d) => d.partial === "false").length };
}

test("the channel figures carry the missing-referrer caveat on the executive summary, attribution and their PDFs", async ({ page }) => {
  const { days, total } = await referrerlessDays(page);
  expect(days).toHaveLength(1);
  const expected = `Channel shares: 1 of ${total} days (${days[0]}) have no referrer column`;

  await page.goto("/?period=all");
  const exec = page.getByTestId("caveat-channels");
  await expect(exec).toContainText(expected);
  // Beside the channel mix: inside its section.
  await expect(page.locator("#channels").getByTestId("caveat-channels")).toBeVisible();

  await page.goto("/attribution");
  await expect(page.getByTestId("caveat-channels")).toContainText(expected);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /PDF/ }).first().click()]);
  const text = pdfText(await readDownload(download)).pages.map((p) => lines(p).join(" ")).join(" ");
  expect(text).toContain(`Caveat. ${expected}`);
  expect(text).toContain("Definitions: a session ends after 30 minutes without an event");
});

test("an analyst sets a 45-minute session timeout; after the rebuild every page says so", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/monitoring");
  await expect(page.getByTestId("definitions-note")).toContainText("a session ends after 30 minutes without an event");
  await signInAs(page, "admin", ADMIN_PASSWORD);
  await page.goto("/runs");
  const settings = page.getByRole("region", { name: /Data set settings/ });
  const timeout = settings.getByRole("spinbutton", { name: /Session timeout/ });
  // Out of range: the browser refuses the form before it is sent (the server refuses it too: test/integration/actions-access.test.ts).
  await timeout.fill("2");
  await settings.getByRole("button", { name: "Save and rebuild" }).click();
  expect(await timeout.evaluate((el) => (el as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
  await expect(settings.getByRole("status")).toHaveCount(0);
  await timeout.fill("45");
  await settings.getByRole("button", { name: "Save and rebuild" }).click();
  const status = settings.getByRole("status");
  await expect(status).toContainText("rebuilds the data set with these settings");
  const runId = Number(/run #(\d+)/.exec(await status.innerText())![1]);
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(row).toHaveAttribute("data-status", /succeeded|failed/, { timeout: 240_000 });
  await expect(row).toHaveAttribute("data-status", "succeeded");
  for (const path of ["/", "/attribution", "/monitoring", "/data-quality"]) {
    await page.goto(path);
    await expect(page.getByTestId("definitions-note"), path).toContainText("a session ends after 45 minutes without an event");
  }
  // Back to the default, so other specs see the demo as it was.
  await page.goto("/runs");
  await settings.getByRole("spinbutton", { name: /Session timeout/ }).fill("30");
  await settings.getByRole("button", { name: "Save and rebuild" }).click();
  const back = Number(/run #(\d+)/.exec(await settings.getByRole("status").innerText())![1]);
  await expect(page.locator(`tr[data-run-id="${back}"]`)).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
});

async function readDownload(download: import("@playwright/test").Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
