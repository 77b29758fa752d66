import * as renderer from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import type { FileRow, FindingRow } from "@/lib/db/queries/data-quality";
import { GAP_BUCKETS } from "@/lib/pipeline/gaps";
import { renderDataQualityPdf, type DataQualityPdfData } from "./data-quality-pdf";
import {
  formatCompact, formatCurrency, formatDateTime, formatDayShort, formatDecimal, formatInt, formatMinutes, formatPercent, niceTicks, toWinAnsi, truncate,
} from "./format";
import * as kit from "./pdf-kit";
import { DATA_QUALITY_HEADINGS } from "@/test/pdf-headings";
import { int, layoutDefects, lineStartingWith, lines, overlappingWords, pct, pdfLayout, pdfText } from "@/test/pdf-text";

const GENERATED_AT = new Date("2025-03-05T08:00:00Z");

function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

function file(day: string, rows: number, extra: Partial<FileRow> = {}): FileRow {
  return {
    name: `events_${day.replaceAll("-", "")}.csv`, day, rows, headerVariant: "canonical", missingColumns: [],
    loadedRows: rows, quarantinedRows: 0, duplicateRows: 0, nullClientIdRate: 0.01, nullReferrerRate: 0.7, score: 99, ...extra,
  };
}

let nextId = 1;
function finding(code: string, severity: FindingRow["severity"], day: string | null, count: number, examples = 2): FindingRow {
  return {
    id: nextId++, code, severity, day, count,
    file: day ? `events_${day.replaceAll("-", "")}.csv` : null,
    message: `${count} rows flagged ${code.toLowerCase()} on ${day ?? "the whole run"}; this message is long enough to wrap onto a second line in the table.`,
    examples: Array.from({ length: examples }, (_, i) => ({
      file: `events_${(day ?? "2025-03-01").replaceAll("-", "")}.csv`,
      line: 100 + i,
      value: `page_viewed https://example-store.com/products/very-long-product-handle-${i}?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale-2025 → x`,
    })),
  };
}

function fixture(): DataQualityPdfData {
  const days = ["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"];
  return {
    run: {
      id: 12, createdAt: "2025-03-04T06:00:00.000Z", finishedAtMs: 1741068000000, trigger: "cli",
      inputRows: 16010, loadedRows: 15990, quarantinedRows: 12, duplicateRows: 8, timingsMs: { ingest: 120 },
      report: {
        gaps: {
          gaps: 5000,
          buckets: GAP_BUCKETS.map((b, i) => ({ ...b, count: [1800, 1200, 400, 200, 250, 180, 150, 300, 320, 200][i] ?? 0 })),
          shareUnder: [5, 10, 15, 30, 60].map((minutes, i) => ({ minutes, share: [0.6, 0.68, 0.72, 0.77, 0.8][i] ?? 0 })),
          medianMinutes: 2.4, p90Minutes: 1145.6, timeoutMinutes: 30,
        },
        daily: days.map((day, i) => ({ day, events: 4000 - i * 10, nullClientIdEvents: i === 3 ? 630 : 40, nullClientIdRate: i === 3 ? 0.158 : 0.01, nullReferrerRate: 0.6 })),
      },
    },
    files: [
      file("2025-02-27", 4000),
      file("2025-02-28", 4010, { headerVariant: "aliased", quarantinedRows: 12, duplicateRows: 8, score: 96.2 }),
      file("2025-03-01", 4000, { missingColumns: ["referrer"], nullReferrerRate: null, score: 89 }),
      file("2025-03-02", 4000, { nullClientIdRate: 0.158, score: 84.2 }),
    ],
    findings: [
      finding("NULL_CLIENT_ID_SPIKE", "critical", "2025-03-02", 630, 0),
      finding("MISSING_COLUMN", "warning", "2025-03-01", 4000, 1),
      finding("REVENUE_ITEMS_MISMATCH", "warning", "2025-02-28", 3, 5),
      finding("HEADER_ALIAS", "info", "2025-02-28", 4010, 1),
      finding("NULL_REFERRER", "info", null, 9000, 3),
    ],
    quarantineByReason: [{ reason: "INVALID_TIMESTAMP", count: 9 }, { reason: "MALFORMED_ROW", count: 3 }],
    scoreRule: "Score = 100 x clean rows / input rows, minus 10 per missing column (floor 0).",
  };
}

describe("renderDataQualityPdf", () => {
  /** The fixture's report, rendered once for the tests that read it. */
  let rendered: Promise<Buffer> | undefined;
  const fixturePdf = () => (rendered ??= renderDataQualityPdf(fixture(), { generatedAt: GENERATED_AT }));

  it("renders a multi-page PDF of a run", async () => {
    const pdf = await fixturePdf();
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pageCount(pdf)).toBe(3);
    expect(pdfText(pdf).pages).toHaveLength(3);
  });

  // Expected figures below are worked by hand from the fixture (not with the report's formatters).
  it("prints the row accounting, the file table and the run's KPIs on page 1", async () => {
    const { pages, text } = pdfText(await fixturePdf());
    const first = pages[0]!;
    expect(first).toContain("Run #12 · 4 files · 2025-02-27 to 2025-03-02 · loaded 2025-03-04 06:00 UTC");
    // 15,990 + 12 + 8 = 16,010: balanced.
    expect(first).toContain("Balanced: every input row is accounted for");
    expect(first).toContain("16,010 input rows = 15,990 loaded + 12 quarantined + 8 duplicates");
    // KPI tiles, in reading order, with each count's share of the 16,010 input rows.
    expect(lines(first)).toContain("FILES INPUT ROWS LOADED QUARANTINED DUPLICATES");
    expect(lines(first)).toContain("4 16,010 15,990 12 8");
    // 15,990 / 16,010 = 99.875%, 12 / 16,010 = 0.07495%, 8 / 16,010 = 0.04997%.
    expect(lines(first)).toContain("99.88% of input 0.07% of input 0.05% of input");
    // Findings by severity: 1 critical (spike), 2 warnings (missing column, mismatch), 2 info; the lowest score is 84.2.
    expect(lines(first)).toContain("CRITICAL FINDINGS WARNINGS INFORMATION LOWEST FILE SCORE");
    expect(lines(first)).toContain("1 2 2 84.2");
    expect(lines(first)).toContain("events_20250302.csv");
    expect(first).toContain("Empty client id spike");
    expect(first).toContain("2025-03-02: 630 rows flagged null_client_id_spike on 2025-03-02");
    // One row per file: name, day, rows, header, missing columns, empty client id %, null referrer %, quarantined, duplicates, score.
    const fileRows = lines(first).filter((l) => /^events_\d{8}\.csv \d{4}-/.test(l));
    expect(fileRows).toEqual([
      "events_20250227.csv 2025-02-27 4,000 canonical none 1.00% 70.0% 0 0 99.0",
      "events_20250228.csv 2025-02-28 4,010 aliased none 1.00% 70.0% 12 8 96.2",
      "events_20250301.csv 2025-03-01 4,000 canonical referrer 1.00% no column 0 0 89.0",
      "events_20250302.csv 2025-03-02 4,000 canonical none 15.80% 70.0% 0 0 84.2",
    ]);
    expect(first).toContain("Score rule. Score = 100 x clean rows / input rows, minus 10 per missing column (floor 0).");
    expect(text).not.toContain("NaN");
    expect(text).not.toContain("undefined");
  });

  it("prints the daily series and the gap distribution on page 2", async () => {
    const { pages } = pdfText(await fixturePdf());
    const second = pages[1]!;
    expect(second).toContain("Daily volume and completeness");
    // Bar values of the four days: 4,000 - 10 per day; empty client id rate 1.0% but 15.8% on Mar 2.
    expect(lines(second)).toContain("4,000 3,990 3,980 3,970");
    expect(lines(second)).toContain("Feb 27 Feb 28 Mar 1 Mar 2");
    expect(lines(second)).toContain("1.0% 1.0% 1.0%");
    expect(second).toMatch(/15\.8%\n/);
    // 5,000 gaps; shares under 5/10/15/30/60 min of 5,000: 3,000 / 3,400 / 3,600 / 3,850 / 4,000 gaps.
    expect(second).toContain("Gaps between consecutive events (5,000 gaps)");
    const shares: [string, number][] = [["5 min", 0.6], ["10 min", 0.68], ["15 min", 0.72], ["30 min (timeout)", 0.77], ["60 min", 0.8]];
    for (const [label, share] of shares) {
      expect(lineStartingWith(second, `${label} ${pct(share)} ${int(share * 5000)}`), label).toBeDefined();
    }
    expect(lineStartingWith(second, "5 min 60.0% 3,000")).toBeDefined();
    expect(lineStartingWith(second, "30 min (timeout) 77.0% 3,850")).toBeDefined();
    // Median 2.4 min; p90 1145.6 min = 19.1 h.
    expect(second).toContain("77.0% of gaps fall within 30 minutes; the median gap is");
    expect(second).toContain("2.4 min and the 90th percentile 19.1 h.");
  });

  it("prints every finding with its code, file, day and row count, grouped by severity, and the quarantine reasons", async () => {
    const { pages } = pdfText(await fixturePdf());
    const findingsPage = pages.slice(2).join("\f");
    expect(pages[2]).toMatch(/^\s*Clickstream Analytics\s+Data quality report\n/);
    expect(findingsPage).toContain("Findings");
    const all = lines(findingsPage);
    // One line per code with its severity and a sentence over its totals (critical first, then the
    // largest count), worked by hand from the fixture's five findings.
    const joined = all.join(" ");
    const groups: [string, string, string][] = [
      ["NULL_CLIENT_ID_SPIKE", "critical", "1 day has an empty client id rate far above the other days: 630 events without a client id (the rows of its NULL_CLIENT_ID finding, not more), so its sessions and attribution are undercounted."],
      ["MISSING_COLUMN", "warning", "1 file lacks a column of the export format: 4,000 rows carry explicit nulls there."],
      ["REVENUE_ITEMS_MISMATCH", "warning", "3 purchases in 1 file have revenue that differs from the sum of their items' price x quantity; the orders keep their revenue."],
      ["NULL_REFERRER", "info", "9,000 loaded rows across the run have an empty referrer (direct, or not tracked)."],
      ["HEADER_ALIAS", "info", "4,010 rows in 1 file were read through a header alias (a column spelled differently, mapped to its name)."],
    ];
    const groupLines = all.filter((l) => /^[A-Z_]{6,} (critical|warning|info) /.test(l));
    expect(groupLines.map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual(groups.map(([code, severity]) => `${code} ${severity}`));
    for (const [code, severity, sentence] of groups) expect(joined, code).toContain(`${code} ${severity} ${sentence}`);
    // Per severity: codes and findings, never rows added up across codes (630 + 4,000 would mix
    // empty client ids with rows of a file lacking a column).
    expect(findingsPage).toContain("Rows are added up only within a code, over its files");
    expect(lineStartingWith(findingsPage, "CRITICAL Critical")).toBe("CRITICAL Critical 1 code, 1 finding");
    expect(lineStartingWith(findingsPage, "WARNING Warnings")).toBe("WARNING Warnings 2 codes, 2 findings");
    expect(lineStartingWith(findingsPage, "INFO Information")).toBe("INFO Information 2 codes, 2 findings");
    // Each finding's row (code, file, count), and its day on the line below, in the groups' order.
    const rows: [string, string, string, string | null][] = [
      ["NULL_CLIENT_ID_SPIKE", "events_20250302.csv", "630", "2025-03-02"],
      ["MISSING_COLUMN", "events_20250301.csv", "4,000", "2025-03-01"],
      ["REVENUE_ITEMS_MISMATCH", "events_20250228.csv", "3", "2025-02-28"],
      ["NULL_REFERRER", "whole run", "9,000", null],
      ["HEADER_ALIAS", "events_20250228.csv", "4,010", "2025-02-28"],
    ];
    const codeLines = all.filter((l) => /^[A-Z_]{6,} (events_|whole run)/.test(l));
    expect(codeLines.map((l) => l.split(" ").slice(0, l.startsWith("NULL_REFERRER whole run") ? 4 : 3).join(" "))).toEqual(
      rows.map(([code, file, count]) => `${code} ${file} ${count}`),
    );
    for (const [code, file, , day] of rows) {
      const i = all.findIndex((l) => l.startsWith(`${code} ${file} `));
      if (day) expect(all[i + 1], code).toMatch(new RegExp(`^${day} `));
    }
    // Severity order: critical before warning before info.
    const order = ["CRITICAL Critical", "WARNING Warnings", "INFO Information"].map((h) => all.findIndex((l) => l.startsWith(h)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // At most three examples, then "+ n more": REVENUE_ITEMS_MISMATCH has 5.
    expect(findingsPage).toContain("events_20250228.csv:102 page_viewed");
    expect(findingsPage).not.toContain("events_20250228.csv:103");
    expect(findingsPage).toContain("+ 2 more examples");
    // Quarantine: 9 + 3 = 12 rows.
    const last = pages[pages.length - 1]!;
    expect(last).toContain("Quarantined rows by reason");
    expect(lineStartingWith(last, "INVALID_TIMESTAMP")).toMatch(/^INVALID_TIMESTAMP 9$/);
    expect(lineStartingWith(last, "MALFORMED_ROW")).toMatch(/^MALFORMED_ROW 3$/);
    expect(last).toContain("12 quarantined rows in total");
    expect(pages.at(-1)).toMatch(new RegExp(`Run #12 · Generated 2025-03-05 08:00 UTC\\s+Page ${pages.length} of ${pages.length}\\s*$`));
  });

  it("renders a run with no files, no findings, no gaps and no quarantined rows", async () => {
    const data = fixture();
    data.files = [];
    data.findings = [];
    data.quarantineByReason = [];
    data.run = { ...data.run, inputRows: 0, loadedRows: 0, quarantinedRows: 0, duplicateRows: 0 };
    data.run.report = { gaps: { ...data.run.report.gaps, gaps: 0, buckets: [], shareUnder: [], medianMinutes: null, p90Minutes: null }, daily: [] };
    const pdf = await renderDataQualityPdf(data, { generatedAt: GENERATED_AT });
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    const { text, pages } = pdfText(pdf);
    expect(text).toContain("Run #12 · 0 files · loaded 2025-03-04 06:00 UTC");
    expect(text).toContain("0 input rows = 0 loaded + 0 quarantined + 0 duplicates");
    expect(lines(pages[0]!)).toContain("0 0 0 0 0");
    expect(lines(pages[0]!)).toContain("0 0 0 -");
    expect(text).toContain("No files in this run.");
    expect(text).toContain("No gaps measured.");
    expect(text).toContain("Gaps between consecutive events (0 gaps)");
    expect(text).toContain("No client has two or more events, so no gap could be");
    expect(text).toContain("Every check passed on every file of this run.");
    expect(text).toContain("No rows were quarantined.");
    expect(text).not.toContain("of input");
    expect(text).not.toContain("NaN");
  });

  it("lets long findings tables flow over several pages, each code under one severity", async () => {
    const data = fixture();
    // As a run stored before the one-severity rule wrote them: every third finding a warning, the rest info.
    data.findings = Array.from({ length: 60 }, (_, i) => finding("NULL_CLIENT_ID", i % 3 === 0 ? "warning" : "info", "2025-03-01", i + 1, 3));
    const pdf = await renderDataQualityPdf(data, { generatedAt: GENERATED_AT });
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(5);
    const { text, pages } = pdfText(pdf);
    expect(pages).toHaveLength(pageCount(pdf));
    // One code, one severity: all 60 findings under Warnings (the most severe they carry), none under
    // Information; the code's line totals 1 + 2 + ... + 60 = 1,830 rows, all in one file.
    expect(lineStartingWith(text, "WARNING Warnings")).toBe("WARNING Warnings 1 code, 60 findings");
    expect(lineStartingWith(text, "INFO Information")).toBe("INFO Information none");
    expect(text).toContain("No critical findings.");
    expect(text).toContain("No info findings.");
    expect(lines(text).join(" ")).toContain("NULL_CLIENT_ID warning 1,830 loaded rows in 1 file have no client id: counted, but not sessionized or attributed.");
    // Every finding row is printed once, none lost at a page break.
    const counts = lines(text)
      .filter((l) => l.startsWith("NULL_CLIENT_ID events_20250301.csv "))
      .map((l) => Number(l.split(" ")[2]));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // The KPI row counts them too: no critical, 60 warnings, no info.
    expect(lines(pages[0]!)).toContain("0 60 0 84.2");
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
  });

  it("fits the longest code in its columns: nothing drawn over anything", async () => {
    const data = fixture();
    data.findings = [
      finding("TIMESTAMP_OUTSIDE_PARTITION", "warning", "2025-03-01", 24, 2),
      finding("TIMESTAMP_OUTSIDE_PARTITION", "warning", "2025-03-02", 1, 1),
      finding("TRANSACTION_ID_COLLISION", "critical", "2025-02-28", 3, 1),
    ];
    const pdf = await renderDataQualityPdf(data, { generatedAt: GENERATED_AT });
    expect(overlappingWords(pdf)).toEqual([]);
    const text = pdfText(pdf).text;
    // 24 + 1 = 25 rows in 2 files; the code line and both file rows on their own lines.
    expect(lines(text).join(" ")).toContain("TIMESTAMP_OUTSIDE_PARTITION warning 25 rows in 2 files are timestamped outside the file's day; kept and counted on their own event date.");
    expect(lineStartingWith(text, "TIMESTAMP_OUTSIDE_PARTITION events_20250301.csv 24 ")).toBeDefined();
    expect(lineStartingWith(text, "TIMESTAMP_OUTSIDE_PARTITION events_20250302.csv 1 ")).toBeDefined();
  });
});

describe("data quality PDF layout", () => {
  /** `n` files, one a day from 2025-02-01, each with some quarantined and duplicate rows (a longer table than the fixture's). */
  const files = (n: number): FileRow[] =>
    Array.from({ length: n }, (_, i) => file(`2025-02-${String(i + 1).padStart(2, "0")}`, 3_000 + i * 17, { quarantinedRows: i % 3, duplicateRows: i % 2, score: 99 - (i % 5) }));
  /** `critical` one-example findings, then three warnings with three examples and an info finding: the "Warnings" heading moves down the page as `critical` grows. */
  const findings = (critical: number): FindingRow[] => [
    ...Array.from({ length: critical }, (_, i) => finding("TRANSACTION_ID_COLLISION", "critical", `2025-02-${String(i + 1).padStart(2, "0")}`, i + 1, 1)),
    ...Array.from({ length: 3 }, (_, i) => finding("REVENUE_ITEMS_MISMATCH", "warning", `2025-02-${String(i + 10).padStart(2, "0")}`, 3 + i, 3)),
    finding("NULL_REFERRER", "info", null, 9000, 3),
  ];
  const check = async (data: DataQualityPdfData, label: string) => {
    const pdf = await renderDataQualityPdf(data, { generatedAt: GENERATED_AT });
    expect(layoutDefects(pdf, { headings: DATA_QUALITY_HEADINGS }), label).toEqual([]);
    return pdf;
  };

  it("fills every page but the last to a third at least, whatever the length of the file table", async () => {
    // From a table that ends high on page 1 to one that runs a few rows onto page 2, where a forced
    // break before the daily charts used to leave those rows alone on an otherwise blank page.
    for (let n = 4; n <= 28; n += 2) await check({ ...fixture(), files: files(n) }, `${n} files`);
  });

  it("never ends a page on a severity heading or a table header, wherever the findings put them", async () => {
    // Each critical row pushes the "Warnings" heading (and the "Information" one) about 25 points
    // further down, through the bottom of a page, where it used to stay behind without its table.
    for (let critical = 1; critical <= 22; critical++) await check({ ...fixture(), findings: findings(critical) }, `${critical} critical findings`);
  });

  it("keeps the example's layout: run summary on page 1, daily charts and gaps on page 2, findings from page 3", async () => {
    const pages = pdfLayout(await check(fixture(), "fixture"));
    const first = (page: number) => pages[page - 1]!.lines.find((l) => l.top > 46)?.text;
    expect(pages).toHaveLength(3);
    expect(first(2)).toBe("Daily volume and completeness");
    expect(first(3)).toBe("Findings");
  });
});

describe("pdf kit", () => {
  it("declares the same primitives @react-pdf/renderer exports", () => {
    for (const name of ["Document", "Page", "View", "Text", "Svg", "G", "Rect", "Line", "Path", "Circle"] as const) {
      expect(kit[name] as unknown).toBe(renderer[name] as unknown);
    }
  });

  it("breaks long tokens at URL separators only", () => {
    expect(kit.breakLongWords("short")).toEqual(["short"]);
    expect(kit.breakLongWords("https://example.com/a/b?x=1&y=2").join("")).toBe("https://example.com/a/b?x=1&y=2");
    expect(kit.breakLongWords("x".repeat(60)).every((p) => p.length <= 24)).toBe(true);
  });
});

describe("format helpers", () => {
  it("formats integers, decimals, percents and dollars in en-US", () => {
    expect(formatInt(33008)).toBe("33,008");
    expect(formatInt(1234.6)).toBe("1,235");
    expect(formatInt(null)).toBe("—");
    expect(formatDecimal(1234.5, 2)).toBe("1,234.50");
    expect(formatPercent(0.158)).toBe("15.8%");
    expect(formatPercent(0.005405, 2)).toBe("0.54%");
    expect(formatPercent(undefined)).toBe("—");
    expect(formatCurrency(196763.4)).toBe("$196,763.40");
    expect(formatCurrency(1234.5, 0)).toBe("$1,235");
    expect(formatCurrency(-12)).toBe("-$12.00");
    expect(formatCurrency(Number.NaN)).toBe("—");
  });

  it("formats compact numbers, durations, days and instants", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(12500)).toBe("12.5k");
    expect(formatCompact(3_400_000)).toBe("3.4M");
    expect(formatCompact(0.05)).toBe("0.05");
    expect(formatMinutes(0.5)).toBe("30 s");
    expect(formatMinutes(2.44)).toBe("2.4 min");
    expect(formatMinutes(1145.59)).toBe("19.1 h");
    expect(formatMinutes(4320)).toBe("3.0 d");
    expect(formatDayShort("2025-03-04")).toBe("Mar 4");
    expect(formatDayShort("week 9")).toBe("week 9");
    expect(formatDateTime("2025-03-04T09:15:30.000Z")).toBe("2025-03-04 09:15 UTC");
    expect(formatDateTime("not a date")).toBe("—");
  });

  it("picks round axis ticks", () => {
    expect(niceTicks(0, 4335)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(niceTicks(0, 0.158, 4)).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceTicks(5, 5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });

  it("truncates and keeps text drawable by the built-in fonts", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    expect(toWinAnsi("clientId → client_id, ≥ 5 – 10 min, 15.9×")).toBe("clientId -> client_id, >= 5 – 10 min, 15.9×");
    expect(toWinAnsi("日本")).toBe("??");
  });
});
