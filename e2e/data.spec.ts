import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { EXPORT_TABLES, ROW_LEVEL_TABLES } from "../lib/db/export-tables";
import { parseCsv } from "../lib/pipeline/csv";
import { ADMIN_PASSWORD, signInAs } from "./auth";

const rowsShown = async (page: import("@playwright/test").Page, table: string) => Number((await page.getByTestId(`rows-${table}`).innerText()).replace(/,/g, ""));

test.describe("Data", () => {
  test("lists every table with its row count, previews rows and draws the data model", async ({ page }) => {
    await page.goto("/data");
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Data", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: "Data quality" })).not.toHaveAttribute("aria-current", "page");
    // Signed out: aggregates download; row-level tables show their size but not their rows.
    for (const table of EXPORT_TABLES) {
      const rowLevel = ROW_LEVEL_TABLES.has(table.name);
      await expect(page.getByTestId(`download-${table.name}`)).toHaveCount(rowLevel ? 0 : 1);
      await expect(page.getByTestId(`locked-${table.name}`)).toHaveCount(rowLevel ? 1 : 0);
      await expect(page.getByTestId(`rows-${table.name}`)).toHaveText(/^[\d,]+$/);
    }
    expect(await rowsShown(page, "events")).toBeGreaterThan(10_000);
    expect(await rowsShown(page, "orders")).toBeGreaterThan(0);
    await page.locator('details[data-table="orders"] summary .code').click();
    await expect(page.locator('details[data-table="orders"]')).toContainText("sign in as an analyst to see and download them");
    await expect(page.getByRole("table", { name: "First rows of orders" }).locator("tbody tr")).toHaveCount(0);

    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/data");
    for (const table of EXPORT_TABLES) await expect(page.getByTestId(`download-${table.name}`)).toBeVisible();

    // A table expands to its columns (with descriptions) and first rows.
    const preview = page.getByRole("table", { name: "First rows of orders" });
    await expect(preview).toBeHidden();
    await page.locator('details[data-table="orders"] summary .code').click();
    await expect(preview).toBeVisible();
    await expect(preview.locator("thead tr").first()).toContainText("order_id");
    await expect(preview.locator("thead tr").nth(1)).toContainText("order revenue");
    await expect(preview.locator("tbody tr")).toHaveCount(Math.min(10, await rowsShown(page, "orders")));

    // The data model, drawn from the schema.
    const diagram = page.getByTestId("er-diagram").getByRole("img");
    await expect(diagram).toBeVisible();
    for (const model of ["Run", "Session", "Order", "AttributionCredit"]) await expect(diagram.locator(`[data-model="${model}"]`)).toBeVisible();
    await page.getByRole("link", { name: "Sessions", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Sessions (sessions.ts)", level: 4 })).toBeInViewport();
  });

  test("downloads the whole orders table as CSV (analysts only)", async ({ page }) => {
    expect((await page.request.get("/api/data/orders")).status()).toBe(401);
    expect((await page.request.get("/api/data/channel_performance")).status()).toBe(200);
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/data");
    const shown = await rowsShown(page, "orders");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-orders").click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-run-\d+\.csv$/);
    const records: string[][] = [];
    parseCsv(readFileSync((await download.path())!, "utf8"), (fields) => records.push(fields));
    const header = records[0]!;
    expect(header.join(",")).toBe("order_id,transaction_id,client_id,session_id,session_number,client_first_visit,order_time,order_date,revenue,item_count,units,collision,items_mismatch,replays,person_id,person_devices,person_session_number,person_first_visit");
    expect(records.length - 1).toBe(shown);
    // Each order with a session carries that session's number and its client's first visit, no later than the order.
    const at = (name: string) => header.indexOf(name);
    for (const r of records.slice(1)) {
      if (r[at("session_id")] === "") continue;
      expect(Number(r[at("session_number")])).toBeGreaterThanOrEqual(1);
      expect(r[at("client_first_visit")]! <= r[at("order_time")]!).toBe(true);
      // The person's first visit is on any of their devices: never later than this client's, and their session count never lower.
      expect(r[at("person_first_visit")]! <= r[at("client_first_visit")]!).toBe(true);
      expect(Number(r[at("person_session_number")])).toBeGreaterThanOrEqual(Number(r[at("session_number")]));
      expect(Number(r[at("person_devices")])).toBeGreaterThanOrEqual(1);
    }
    expect(records.slice(1).some((r) => r[at("session_number")] === "1")).toBe(true);
    // The link does not toggle the table open.
    await expect(page.locator('details[data-table="orders"]')).not.toHaveAttribute("open");
  });

  test("an unknown table is a 404 with a JSON message", async ({ request }) => {
    const res = await request.get("/api/data/no_such_table");
    expect(res.status()).toBe(404);
    expect((await res.json()) as { error: string }).toMatchObject({ error: expect.stringContaining("Unknown table") });
  });
});
