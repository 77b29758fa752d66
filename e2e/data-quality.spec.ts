import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { lines as textLines, pdfText } from "../test/pdf-text";
import { ADMIN_PASSWORD, signInAs } from "./auth";

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
    // Each code is listed once, under one severity; its line states its own totals over its files,
    // and each severity says how many codes and findings it holds (never rows added across codes).
    const listed = await page.locator("details[data-code]").evaluateAll((ds) =>
      ds.map((d) => ({
        code: d.getAttribute("data-code") ?? "",
        severity: d.closest("[data-severity]")?.getAttribute("data-severity") ?? "",
        sentence: d.querySelector("summary .sentence")?.textContent ?? "",
        counts: [...d.querySelectorAll("tbody td.num")].map((td) => Number((td.textContent ?? "").replace(/,/g, ""))),
        files: new Set([...d.querySelectorAll("tbody tr td:first-child")].map((td) => td.textContent)).size,
      })),
    );
    expect(new Set(listed.map((l) => l.code)).size).toBe(listed.length);
    const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
    const invalid = listed.find((l) => l.code === "INVALID_PURCHASE")!;
    const invalidTotal = invalid.counts.reduce((a, b) => a + b, 0);
    expect(invalid.severity).toBe("critical");
    expect(invalid.sentence).toBe(
      `${plural(invalidTotal, "purchase", "purchases")} in ${plural(invalid.files, "file", "files")} ${invalidTotal === 1 ? "has" : "have"} no transaction id, revenue <= 0 or no valid item and ${invalidTotal === 1 ? "was" : "were"} quarantined (not orders).`,
    );
    const nullClient = listed.find((l) => l.code === "NULL_CLIENT_ID")!;
    expect(nullClient.severity).toBe("warning");
    expect(nullClient.sentence).toMatch(new RegExp(`^${plural(nullClient.counts.reduce((a, b) => a + b, 0), "loaded row", "loaded rows")} in ${plural(nullClient.files, "file", "files")} `));
    for (const severity of ["critical", "warning", "info"]) {
      const of = listed.filter((l) => l.severity === severity);
      const findings = of.reduce((s, l) => s + l.counts.length, 0);
      if (of.length > 0) await expect(page.getByTestId(`severity-totals-${severity}`)).toHaveText(`${plural(of.length, "code", "codes")}, ${plural(findings, "finding", "findings")}`);
    }
    // A finding expands to its example rows.
    await page.locator('details[data-code="INVALID_PURCHASE"] summary').click();
    await expect(page.locator('details[data-code="INVALID_PURCHASE"]')).toContainText("events_");
    await expect(page.getByRole("img", { name: "Distribution of gaps between consecutive events" })).toBeVisible();
    // Signed out, the quarantine shows counts by reason only (its rows carry client ids and URLs).
    await expect(page.getByTestId("quarantine-locked")).toBeVisible();
    await expect(page.getByRole("table", { name: "Quarantined rows by reason" }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Quarantined rows", exact: true })).toHaveCount(0);
  });

  test("a link to a finding lands on it, open: the robots note's link and the executive caveats' links", async ({ page }) => {
    await page.goto("/traffic");
    await page.getByRole("link", { name: "Details: BOT_TRAFFIC on Data quality" }).click();
    await expect(page).toHaveURL(/\/data-quality#finding-BOT_TRAFFIC$/);
    const bots = page.locator("details[data-code=BOT_TRAFFIC]");
    await expect(bots).toHaveAttribute("open", "");
    await expect(bots.locator("summary")).toBeInViewport();
    await expect(bots.locator("summary")).toBeFocused();
    // Every other finding stays folded.
    expect(await page.locator("details.finding[open]").count()).toBe(1);

    await page.goto("/?period=all");
    const caveat = page.getByTestId("dq-caveats").locator("li[data-caveat]").first();
    const code = (await caveat.getAttribute("data-caveat"))!;
    await caveat.getByRole("link", { name: `${code} →` }).click();
    await expect(page.locator(`details[data-code=${code}]`)).toHaveAttribute("open", "");
  });

  test("an analyst filters the quarantine by reason", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/data-quality");
    const table = page.getByRole("table", { name: "Quarantined rows" });
    await page.getByLabel("Reason").selectOption("UNKNOWN_EVENT");
    await expect(table.locator("tbody tr").first()).toContainText("UNKNOWN_EVENT");
    const reasons = await table.locator("tbody tr td:first-child").allInnerTexts();
    expect(new Set(reasons)).toEqual(new Set(["UNKNOWN_EVENT"]));
  });

  test("downloads the PDF report and (as an analyst) the quarantine CSV", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/data-quality");
    // What the page shows: the accounting, the file table and every finding's file and count.
    const accounting = (await page.getByTestId("accounting").locator("b").allInnerTexts()).map((t) => t.trim());
    expect(accounting).toHaveLength(4);
    const files = await page.locator("table.data").first().locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    expect(files.length).toBeGreaterThan(3);
    const findings = await page.locator("details[data-code]").evaluateAll((ds) =>
      ds.flatMap((d) => [...d.querySelectorAll("tbody tr")].map((tr) => ({ code: d.getAttribute("data-code") ?? "", file: tr.querySelector("td")?.textContent?.trim() ?? "", count: tr.querySelector("td.num")?.textContent?.trim() ?? "" }))),
    );
    expect(findings.length).toBeGreaterThan(5);

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(pdfBytes.length).toBeGreaterThan(5_000);

    const { text: report } = pdfText(pdfBytes);
    const all = textLines(report);
    const [input, loaded, quarantined, duplicates] = accounting;
    expect(report).toContain(`${input} input rows = ${loaded} loaded + ${quarantined} quarantined + ${duplicates} duplicates`);
    expect(all).toContain(`${files.length} ${input} ${loaded} ${quarantined} ${duplicates}`);
    // File rows: the page rounds the empty client id rate to 0.1 %, the PDF to 0.01 %; "—" (no missing column) is "none".
    for (const [name, day, rows, header, missing, nullClient, nullReferrer, quar, dups, score] of files) {
      const row = all.find((l) => l.startsWith(`${name} ${day} ${rows} ${header} ${missing === "—" ? "none" : missing} `));
      expect(row, `${name} in the PDF`).toBeDefined();
      const m = new RegExp(` (\\d+\\.\\d\\d)% (${nullReferrer === "no column" ? "no column" : "[\\d.]+%"}) ${quar} ${dups} ${score}$`).exec(row!);
      expect(m, `${name}: ${row}`).not.toBeNull();
      expect(Math.abs(Number(m![1]) - Number(nullClient!.replace("%", "")))).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(m![2]).toBe(nullReferrer);
    }
    // Every finding's row: code, file ("whole run" when it has none) and count, the same rows as the
    // page's. (A code too long for its column pushes the file name onto the line above.)
    const codes = new Set(findings.map((f) => f.code));
    const rowStart = /^([A-Z][A-Z_]{4,}) (?:(\S+\.csv|whole run) )?(\d[\d,]*) \S/;
    const printed = all.flatMap((l, i) => {
      const m = rowStart.exec(l);
      return m && codes.has(m[1]!) ? [`${m[1]} ${m[2] ?? all[i - 1]} ${m[3]}`] : [];
    });
    expect(printed.sort()).toEqual(findings.map((f) => `${f.code} ${f.file === "all files" ? "whole run" : f.file} ${f.count}`).sort());

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
