import { expect, type Page } from "@playwright/test";

/** Waits for the summary request a control triggers on the executive page, then for the page to show its answer. */
export async function afterSummary(page: Page, match: (url: URL) => boolean, act: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === "/api/summary" && match(url);
  });
  await act();
  expect((await response).status()).toBe(200);
  await expect(page.getByTestId("range-shown")).not.toContainText("Updating…");
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}
