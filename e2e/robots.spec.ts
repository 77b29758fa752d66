/**
 * Robots are not visitors, as a reader and an analyst meet it: every page says how many robot
 * sessions its visitor figures leave out; the Data quality page explains them (BOT_TRAFFIC); an
 * analyst can count them as visitors, which rebuilds the data set, and the pages say so. The demo
 * plants Googlebot, AhrefsBot and HeadlessChrome visitors; a missing referrer column is its own
 * channel, not Direct.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, signInAs } from "./auth";

const RUN_TIMEOUT = 240_000;

test.describe.configure({ mode: "serial" });

async function robotNote(page: Page, path: string): Promise<string> {
  await page.goto(path);
  const note = page.getByTestId("robot-note");
  await expect(note).toBeVisible();
  return note.innerText();
}

/** Saves the robots setting and waits for the rebuild it queues. */
async function setRobots(page: Page, count: boolean): Promise<void> {
  await page.goto("/runs");
  const box = page.getByRole("checkbox", { name: /Count robots as visitors/ });
  await box.setChecked(count);
  await page.getByRole("button", { name: "Save and rebuild" }).click();
  const status = page.getByRole("region", { name: /Data set settings/ }).getByRole("status");
  await expect(status).toContainText("rebuilds the data set with these settings");
  const runId = Number(/run #(\d+)/.exec(await status.innerText())![1]);
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(row).toHaveAttribute("data-status", /succeeded|failed/, { timeout: RUN_TIMEOUT });
  await expect(row).toHaveAttribute("data-status", "succeeded");
}

test.describe("Robots", () => {
  test("every page says how many robot sessions its visitor figures leave out", async ({ page }) => {
    const texts = [];
    for (const path of ["/", "/attribution", "/monitoring", "/data-quality"]) texts.push(await robotNote(page, path));
    const m = /leave out ([\d,]+) robot sessions \((\d+\.\d)% of all sessions\)/.exec(texts[0]!);
    expect(m, texts[0]).not.toBeNull();
    for (const t of texts) expect(t).toContain(m![0]);
    // The finding explains them by agent family.
    const finding = page.locator('details[data-code="BOT_TRAFFIC"]');
    await expect(finding).toBeVisible();
    await finding.locator("summary").click();
    await expect(finding).toContainText("Googlebot");
    await expect(finding).toContainText("HeadlessChrome");
  });

  test("a file without a referrer column gives its own channel, never Direct", async ({ page }) => {
    await page.goto("/attribution");
    await expect(page.locator("main")).toContainText("Unknown (referrer not recorded)");
  });

  test("an analyst counts robots as visitors: the data set is rebuilt and the pages say so; and back", async ({ page }) => {
    test.setTimeout(2 * RUN_TIMEOUT + 60_000);
    const before = await robotNote(page, "/");
    const left = /leave out ([\d,]+) robot sessions/.exec(before)![1];
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await setRobots(page, true);
    const included = await robotNote(page, "/");
    expect(included).toContain(`Visitor figures include ${left} robot sessions`);
    await setRobots(page, false);
    expect(await robotNote(page, "/")).toContain(`leave out ${left} robot sessions`);
    // The audit log records both changes (other specs change other settings: only the robots setting's rows count here).
    await page.goto("/runs");
    const settingRows = page.getByRole("table", { name: /Audit log/ }).getByRole("row").filter({ hasText: "setting" });
    await expect(settingRows.filter({ hasText: "robots counted as visitors" })).toHaveCount(1);
    await expect(settingRows.filter({ hasText: "robots left out" })).toHaveCount(1);
  });
});

test.describe("Tagging conflicts", () => {
  test("the settings panel offers the click id vs utm precedence, utm tags first by default", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/runs");
    const settings = page.getByRole("region", { name: /Data set settings/ });
    await expect(settings.getByRole("radio", { name: /the utm tags win/ })).toBeChecked();
    await expect(settings.getByRole("radio", { name: /the click id wins/ })).not.toBeChecked();
    // Nothing changed yet: nothing to save.
    await expect(settings.getByRole("button", { name: "Save and rebuild" })).toBeDisabled();
    await settings.getByRole("radio", { name: /the click id wins/ }).check();
    await expect(settings.getByRole("button", { name: "Save and rebuild" })).toBeEnabled();
  });
});
