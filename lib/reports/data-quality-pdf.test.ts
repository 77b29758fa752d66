import * as renderer from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import type { FileRow, FindingRow } from "@/lib/db/queries/data-quality";
import { GAP_BUCKETS } from "@/lib/pipeline/gaps";
import { renderDataQualityPdf, type DataQualityPdfData } from "./data-quality-pdf";
import {
  formatCompact, formatCurrency, formatDateTime, formatDayShort, formatDecimal, formatInt, formatMinutes, formatPercent, niceTicks, toWinAnsi, truncate,
} from "./format";
import * as kit from "./pdf-kit";

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
      finding("MISSING_COLUMN", "critical", "2025-03-01", 4000, 1),
      finding("REVENUE_ITEMS_MISMATCH", "warning", "2025-02-28", 3, 5),
      finding("HEADER_ALIAS", "info", "2025-02-28", 4010, 1),
      finding("NULL_REFERRER", "info", null, 9000, 3),
    ],
    quarantineByReason: [{ reason: "INVALID_TIMESTAMP", count: 9 }, { reason: "MALFORMED_ROW", count: 3 }],
    scoreRule: "Score = 100 x clean rows / input rows, minus 10 per missing column (floor 0).",
  };
}

describe("renderDataQualityPdf", () => {
  it("renders a multi-page PDF of a run", async () => {
    const pdf = await renderDataQualityPdf(fixture(), { generatedAt: GENERATED_AT });
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
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
  });

  it("lets long findings tables flow over several pages", async () => {
    const data = fixture();
    data.findings = Array.from({ length: 60 }, (_, i) => finding("NULL_CLIENT_ID", i % 3 === 0 ? "warning" : "info", "2025-03-01", i + 1, 3));
    const pdf = await renderDataQualityPdf(data, { generatedAt: GENERATED_AT });
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(5);
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
