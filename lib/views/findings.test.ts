import { describe, expect, it } from "vitest";
import type { Severity } from "@/lib/pipeline/types";
import { countUnit, groupFindings, groupSentence, severityTotals, severityTotalsText, type GroupableFinding } from "./findings";

const f = (code: string, severity: Severity, file: string | null, count: number, day: string | null = null): GroupableFinding => ({ code, severity, file, day, count });

describe("groupSentence", () => {
  // Every expected sentence below is written out by hand.
  it("states a group's totals in its own words, with singular and plural agreeing", () => {
    expect(groupSentence("INVALID_PURCHASE", 10, 7)).toBe(
      "10 purchases in 7 files have no transaction id, revenue <= 0 or no valid item and were quarantined (not orders).",
    );
    expect(groupSentence("INVALID_PURCHASE", 1, 1)).toBe("1 purchase in 1 file has no transaction id, revenue <= 0 or no valid item and was quarantined (not orders).");
    expect(groupSentence("TRANSACTION_ID_COLLISION", 1, 1)).toBe(
      "1 transaction id in 1 file is shared by different purchases; every purchase involved is kept as an order and flagged for reconciliation.",
    );
    expect(groupSentence("TRANSACTION_ID_COLLISION", 3, 3)).toBe(
      "3 transaction ids in 3 files are shared by different purchases; every purchase involved is kept as an order and flagged for reconciliation.",
    );
    expect(groupSentence("DUPLICATE_ROW", 1, 1)).toBe("1 row in 1 file is an exact copy of an earlier loaded row and was dropped.");
    expect(groupSentence("DUPLICATE_ROW", 2_681, 14)).toBe("2,681 rows in 14 files are exact copies of an earlier loaded row and were dropped.");
    expect(groupSentence("REVENUE_ITEMS_MISMATCH", 1, 1)).toBe(
      "1 purchase in 1 file has revenue that differs from the sum of its items' price x quantity; the order keeps its revenue.",
    );
    expect(groupSentence("REVENUE_ITEMS_MISMATCH", 9, 5)).toBe(
      "9 purchases in 5 files have revenue that differs from the sum of their items' price x quantity; the orders keep their revenue.",
    );
    expect(groupSentence("NULL_CLIENT_ID", 1_277, 9)).toBe("1,277 loaded rows in 9 files have no client id: counted, but not sessionized or attributed.");
    expect(groupSentence("MISSING_COLUMN", 1, 1)).toBe("1 file lacks a column of the export format: 1 row carries explicit nulls there.");
    expect(groupSentence("MISSING_COLUMN", 8_000, 2)).toBe("2 files lack a column of the export format: 8,000 rows carry explicit nulls there.");
    expect(groupSentence("MALFORMED_ROW", 1, 1)).toBe("1 row in 1 file does not match the header (field count or broken quoting) and was quarantined.");
  });

  it("counts a spike in days, and says its events are the NULL_CLIENT_ID rows, not more", () => {
    expect(groupSentence("NULL_CLIENT_ID_SPIKE", 1_036, 2, 2)).toBe(
      "2 days have an empty client id rate far above the other days: 1,036 events without a client id (the rows of their NULL_CLIENT_ID findings, not more), so their sessions and attribution are undercounted.",
    );
    expect(groupSentence("NULL_CLIENT_ID_SPIKE", 685, 1, 1)).toBe(
      "1 day has an empty client id rate far above the other days: 685 events without a client id (the rows of its NULL_CLIENT_ID finding, not more), so its sessions and attribution are undercounted.",
    );
  });

  it("says 'across the run' for findings without a file, and counts rows for codes it does not know", () => {
    expect(groupSentence("NULL_REFERRER", 9_000, 0)).toBe("9,000 loaded rows across the run have an empty referrer (direct, or not tracked).");
    expect(groupSentence("BOT_TRAFFIC", 4_063, 0)).toBe(
      "4,063 events across the run come from crawlers and automation (by user agent): loaded, and their sessions are kept out of the visitor figures unless the data set counts robots.",
    );
    expect(groupSentence("ITEM_PRICE_MISSING", 1, 1)).toBe("1 item in 1 file has no price (or no quantity): its order keeps its revenue, and the item gets estimated product revenue.");
    expect(groupSentence("ITEM_PRICE_MISSING", 12, 3)).toBe("12 items in 3 files have no price (or no quantity): their orders keep their revenue, and those items get estimated product revenue.");
    expect(groupSentence("SOMETHING_NEW", 1, 1)).toBe("1 row in 1 file was flagged.");
    expect(countUnit("SOMETHING_NEW", 2)).toBe("2 rows");
    expect(countUnit("TRANSACTION_ID_COLLISION", 1)).toBe("1 transaction id");
  });
});

describe("groupFindings", () => {
  const findings = [
    f("INVALID_PURCHASE", "critical", "events_20250224.csv", 1, "2025-02-24"),
    f("NULL_CLIENT_ID", "warning", "events_20250302.csv", 685, "2025-03-02"),
    f("INVALID_PURCHASE", "critical", "events_20250303.csv", 2, "2025-03-03"),
    f("NULL_CLIENT_ID_SPIKE", "critical", "events_20250302.csv", 685, "2025-03-02"),
    // A stored run from before the one-severity rule: NULL_CLIENT_ID at info on a quiet day.
    f("NULL_CLIENT_ID", "info", "events_20250223.csv", 22, "2025-02-23"),
    f("INVALID_JSON", "warning", "events_20250225.csv", 2, "2025-02-25"),
    f("INVALID_JSON", "warning", "events_20250225.csv", 5, "2025-02-25"),
    f("NULL_REFERRER", "info", "events_20250223.csv", 2_970, "2025-02-23"),
  ];
  const groups = groupFindings(findings);

  it("makes one group per code, under one severity (the most severe), with totals over its files", () => {
    expect(groups.map((g) => [g.code, g.severity, g.count, g.files, g.findings.length])).toEqual([
      // critical, largest count first: 685 > 1 + 2
      ["NULL_CLIENT_ID_SPIKE", "critical", 685, 1, 1],
      ["INVALID_PURCHASE", "critical", 3, 2, 2],
      // warning: 685 + 22 = 707 > 2 + 5 = 7; INVALID_JSON's two findings are one file
      ["NULL_CLIENT_ID", "warning", 707, 2, 2],
      ["INVALID_JSON", "warning", 7, 1, 2],
      ["NULL_REFERRER", "info", 2_970, 1, 1],
    ]);
    expect(groups.filter((g) => g.code === "NULL_CLIENT_ID")).toHaveLength(1);
    expect(groups.find((g) => g.code === "INVALID_PURCHASE")!.sentence).toBe(
      "3 purchases in 2 files have no transaction id, revenue <= 0 or no valid item and were quarantined (not orders).",
    );
    expect(groups.find((g) => g.code === "INVALID_PURCHASE")!.days).toEqual(["2025-02-24", "2025-03-03"]);
  });

  it("gives per severity the number of codes and findings, never a sum of rows", () => {
    const totals = severityTotals(groups);
    expect(totals).toEqual([
      { severity: "critical", codes: 2, findings: 3 },
      { severity: "warning", codes: 2, findings: 4 },
      { severity: "info", codes: 1, findings: 1 },
    ]);
    expect(totals.map(severityTotalsText)).toEqual(["2 codes, 3 findings", "2 codes, 4 findings", "1 code, 1 finding"]);
    expect(severityTotalsText({ severity: "info", codes: 0, findings: 0 })).toBe("none");
  });
});
