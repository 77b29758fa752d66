import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

test.describe("Data quality", () => {
  test("shows the accounting, files, real findings and charts", async ({ page }) => {
    await page.goto("/data-quality");
    await expect(page.getByRole("heading", { name: "Data quality", level: 1 })).toBeVisible();
    const accounting = page.getByTestId("accounting");
    await expect(accounting).toContainText("input");
    await expect(accounting).toContainText("balanced");
    // The equation's numbers add up.
    const numbers = (await accounting.locator("b").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
    expect(numbers).toHaveLength(4);
    expect(numbers[0]).toBe(numbers[1]! + numbers[2]! + numbers[3]!);
    expect(numbers[0]).toBeGreaterThan(10_000);
    // Demo data plants every defect class: the critical ones are listed.
    for (const code of ["INVALID_PURCHASE", "TRANSACTION_ID_COLLISION", "NULL_CLIENT_ID_SPIKE", "DUPLICATE_ROW", "HEADER_ALIAS", "MISSING_COLUMN"]) {
      await expect(page.locator(`details[data-code="${code}"]`)).toBeVisible();
    }
    // A finding expands to its example rows.
    await page.locator('details[data-code="INVALID_PURCHASE"] summary').click();
    await expect(page.locator('details[data-code="INVALID_PURCHASE"]')).toContainText("events_");
    await expect(page.getByRole("img", { name: "Distribution of gaps between consecutive events" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Quarantined rows" })).toBeVisible();
  });

  test("filters the quarantine by reason", async ({ page }) => {
    await page.goto("/data-quality");
    const table = page.getByRole("table", { name: "Quarantined rows" });
    await page.getByLabel("Reason").selectOption("UNKNOWN_EVENT");
    await expect(table.locator("tbody tr").first()).toContainText("UNKNOWN_EVENT");
    const reasons = await table.locator("tbody tr td:first-child").allInnerTexts();
    expect(new Set(reasons)).toEqual(new Set(["UNKNOWN_EVENT"]));
  });

  test("downloads the PDF report and the quarantine CSV", async ({ page }) => {
    await page.goto("/data-quality");
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(pdfBytes.length).toBeGreaterThan(5_000);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download quarantined rows/ }).click()]);
    const text = readFileSync((await csv.path())!, "utf8");
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("file,line,reason,detail,client_id,page_url,referrer,timestamp,event_name,event_data,user_agent");
    expect(lines.length).toBeGreaterThan(1);
  });
});

test.describe("Navigation", () => {
  test("every section is linked from the navigation, and the current one is marked", async ({ page }) => {
    await page.goto("/data-quality");
    for (const name of ["Executive summary", "Data quality", "Attribution", "Monitoring", "Data", "Runs & upload"]) {
      await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name, exact: true })).toBeVisible();
    }
    const current = page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Data quality", exact: true });
    await expect(current).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Data", exact: true })).not.toHaveAttribute("aria-current", "page");
  });
});
