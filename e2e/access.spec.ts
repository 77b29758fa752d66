/**
 * Access control as an attacker and as each role would meet it: brute force slowed, a cookie
 * copied before sign-out refused after it, a viewer refused every mutation and the row-level
 * data, an admin managing accounts and reading the audit log. Accounts are made through the
 * Accounts page by the bootstrap admin (ANALYST_PASSWORD).
 */
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/pipeline/csv";
import { ADMIN_PASSWORD, signInAs } from "./auth";

const VIEWER = { name: "vera", password: "vera-password-1" };
const ANALYST = { name: "anton", password: "anton-password-1" };
const TARGET = { name: "brute-target", password: "the-right-password" };

async function addAccount(page: Page, name: string, role: string, password: string): Promise<void> {
  await page.goto("/accounts");
  const form = page.getByRole("region", { name: "Add an account" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account ${name} (${role}) added.`);
}

test.describe.configure({ mode: "serial" });

test.describe("Access", () => {
  test("an admin adds accounts on the Accounts page; the audit log records it", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await expect(page.getByRole("link", { name: "Accounts" })).toBeVisible();
    await addAccount(page, VIEWER.name, "viewer", VIEWER.password);
    await addAccount(page, ANALYST.name, "analyst", ANALYST.password);
    await addAccount(page, TARGET.name, "analyst", TARGET.password);
    const table = page.getByRole("table", { name: "Accounts" });
    await expect(table.getByRole("row", { name: /^admin · from ANALYST_PASSWORD · you admin/ })).toBeVisible();
    await expect(table.getByLabel(`Role of ${VIEWER.name}`)).toHaveValue("viewer");
    await expect(table.getByLabel(`Role of ${ANALYST.name}`)).toHaveValue("analyst");
    // A duplicate and a short password are refused with a message.
    const form = page.getByRole("region", { name: "Add an account" });
    await form.getByLabel("Name").fill(VIEWER.name);
    await form.getByLabel(/^Password/).fill("long-enough-pw");
    await form.getByRole("button", { name: "Add account" }).click();
    await expect(form.getByRole("alert")).toHaveText(`An account named "${VIEWER.name}" already exists.`);

    await page.goto("/runs");
    const audit = page.getByRole("table", { name: /Audit log/ });
    await expect(audit).toContainText("user-add");
    await expect(audit.getByRole("row").filter({ hasText: TARGET.name })).toContainText("admin");
    const csv = await page.request.get("/api/audit");
    expect(csv.status()).toBe(200);
    const rows: string[][] = [];
    parseCsv(await csv.text(), (f) => rows.push(f));
    expect(rows[0]).toEqual(["time", "actor", "action", "target", "detail"]);
    expect(rows.filter((r) => r[1] === "admin" && r[2] === "user-add").map((r) => r[3])).toEqual([VIEWER.name, ANALYST.name, TARGET.name]);
  });

  test("a viewer reads the dashboards but is refused every mutation, the row-level data and the accounts", async ({ page }) => {
    await signInAs(page, VIEWER.name, VIEWER.password);
    await page.goto("/runs");
    await expect(page.getByText(`Your account (${VIEWER.name}) is a viewer`)).toBeVisible();
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Re-run" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByRole("table", { name: /Audit log/ })).toHaveCount(0);

    for (const path of ["/api/data/events", "/api/data/orders", "/api/data/quarantined_rows", "/api/runs/1/quarantine?format=csv", "/api/runs/1/quarantine"]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe(`Your account (${VIEWER.name}) is a viewer; this needs an analyst.`);
    }
    expect((await page.request.get("/api/audit")).status()).toBe(403);
    const upload = await page.request.post("/api/uploads", { multipart: { files: { name: "events_20250101.csv", mimeType: "text/csv", buffer: Buffer.from("event_id\n") } } });
    expect(upload.status()).toBe(403);
    // Aggregates and reports stay readable.
    expect((await page.request.get("/api/data/channel_performance")).status()).toBe(200);
    expect((await page.request.get("/api/summary")).status()).toBe(200);

    await page.goto("/accounts");
    await expect(page.locator("main").getByRole("alert")).toHaveText(`Your account (${VIEWER.name}) is a viewer: managing accounts needs an admin.`);
    await page.goto("/data-quality");
    await expect(page.getByTestId("quarantine-locked")).toBeVisible();
  });

  test("a session cookie copied before sign-out is refused after it", async ({ page, browser }) => {
    await signInAs(page, ANALYST.name, ANALYST.password);
    const copied = (await page.context().cookies()).find((c) => c.name === "session");
    expect(copied?.httpOnly).toBe(true);
    expect(copied?.sameSite).toBe("Strict");
    const thief = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    await thief.addCookies([copied!]);
    expect((await thief.request.get("/api/data/events")).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("complementary").getByRole("link", { name: "Sign in" })).toBeVisible();
    const after = await thief.request.get("/api/data/events");
    expect(after.status()).toBe(401);
    expect(((await after.json()) as { error: string }).error).toBe("Sign in as an analyst to do this.");
    const upload = await thief.request.post("/api/uploads", { multipart: { files: { name: "events_20250101.csv", mimeType: "text/csv", buffer: Buffer.from("event_id\n") } } });
    expect(upload.status()).toBe(401);
    await thief.close();
  });

  test("behind an HTTPS proxy the session cookie is Secure", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
    const page = await context.newPage();
    await signInAs(page, VIEWER.name, VIEWER.password);
    const cookie = (await context.cookies()).find((c) => c.name === "session");
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Strict" });
    await context.close();
  });

  test("brute force is slowed: after 5 wrong passwords each guess waits longer, and the right one is refused meanwhile", async ({ page }) => {
    await page.goto("/sign-in");
    const alert = page.locator("main").getByRole("alert");
    let wrong = 0;
    let throttledSeen = 0;
    // Guess until 8 guesses have been checked: 5 free, then after 1 s, 2 s and 4 s waits.
    for (let i = 0; wrong < 8 && i < 200; i++) {
      await page.getByLabel("Account").fill(TARGET.name);
      await page.getByLabel("Password").fill(`guess-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      const text = await alert.innerText();
      if (text === "Wrong account name or password.") wrong++;
      else {
        expect(text).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ seconds?\.$/);
        expect(wrong).toBeGreaterThanOrEqual(5);
        throttledSeen++;
        await page.waitForTimeout(250);
      }
    }
    expect(wrong).toBe(8);
    expect(throttledSeen).toBeGreaterThan(0);
    // The next check waits 8 s after the 8th failure: the right password now is refused unchecked.
    await expect(page.getByLabel("Account")).toHaveValue(TARGET.name); // the form keeps the name after a refusal
    await page.getByLabel("Password").fill(TARGET.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText(/^Too many failed sign-ins for this account\. Try again in \d seconds?\.$/);
    await expect(page.getByRole("complementary").getByRole("link", { name: "Sign in" })).toBeVisible();
  });
});
