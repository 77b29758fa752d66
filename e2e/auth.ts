import { expect, type Page } from "@playwright/test";

/** The bootstrap admin's password (ANALYST_PASSWORD of the e2e server, playwright.config.ts). */
export const ADMIN_PASSWORD = process.env.ANALYST_PASSWORD ?? "e2e-analyst-password";

/** Signs in through the sign-in page and waits for the navigation to name the account. */
export async function signInAs(page: Page, account: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Account").fill(account);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("complementary").getByText(`Signed in as ${account}`)).toBeVisible();
}
