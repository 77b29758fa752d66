import { describe, expect, it } from "vitest";
import {
  applySort, ariaSort, buildCsv, compareValues, csvDecimal, csvFileName, csvMoney, csvNumber, csvPercent, firstDirection, nextSort, sortRows, type ColumnModel, type SortState,
} from "./table-model";

interface Row {
  channel: string;
  revenue: number | null;
  rate: number | null;
}

// Two rows share a revenue (Email, Direct) to show the sort is stable; one has no revenue.
const ROWS: Row[] = [
  { channel: "Email", revenue: 120, rate: 0.5 },
  { channel: "Paid Search", revenue: 1234.5, rate: 0.015826 },
  { channel: "Direct", revenue: 120, rate: null },
  { channel: "affiliates", revenue: null, rate: 0 },
  { channel: "Organic Social", revenue: 80.25, rate: 0.25 },
];
const names = (rows: Row[]) => rows.map((r) => r.channel);

const COLUMNS: ColumnModel<Row>[] = [
  { id: "channel", sortValue: (r) => r.channel, csv: { header: "Channel", value: (r) => r.channel } },
  { id: "bar" },
  { id: "revenue", numeric: true, sortValue: (r) => r.revenue, csv: { header: "Revenue (USD)", value: (r) => csvMoney(r.revenue) } },
  {
    id: "rate",
    numeric: true,
    sortValue: (r) => r.rate,
    csv: [
      { header: "Conversion rate (%)", value: (r) => csvPercent(r.rate) },
      { header: "Converted", value: (r) => (r.rate === null ? null : r.rate > 0 ? "yes" : "no") },
    ],
  },
];

describe("sorting", () => {
  it("orders numbers by value, stable for equal values, missing values last in both directions", () => {
    const by = (r: Row) => r.revenue;
    // Ascending: 80.25, 120 (Email, given first), 120 (Direct), 1234.5, then the missing one.
    expect(names(sortRows(ROWS, by, "ascending"))).toEqual(["Organic Social", "Email", "Direct", "Paid Search", "affiliates"]);
    // Descending: 1234.5, 120 (Email still before Direct: the tie keeps the given order), 80.25, missing.
    expect(names(sortRows(ROWS, by, "descending"))).toEqual(["Paid Search", "Email", "Direct", "Organic Social", "affiliates"]);
  });

  it("orders text case-insensitively and numbers inside text by value", () => {
    expect(names(sortRows(ROWS, (r) => r.channel, "ascending"))).toEqual(["affiliates", "Direct", "Email", "Organic Social", "Paid Search"]);
    const files = ["events_10.csv", "events_2.csv", "events_1.csv"].map((channel) => ({ channel, revenue: 0, rate: 0 }));
    expect(names(sortRows(files, (r) => r.channel, "ascending"))).toEqual(["events_1.csv", "events_2.csv", "events_10.csv"]);
    expect(compareValues(3, "a")).toBeLessThan(0);
    expect(compareValues("a", 3)).toBeGreaterThan(0);
    expect(compareValues(2, 10)).toBeLessThan(0);
  });

  it("treats null, undefined, NaN and empty text as missing", () => {
    const rows = [{ v: "" }, { v: NaN }, { v: 2 }, { v: undefined }, { v: 1 }, { v: null }];
    expect(sortRows(rows, (r) => r.v, "descending").map((r) => r.v)).toEqual([2, 1, "", NaN, undefined, null]);
  });

  it("leaves the given rows alone and keeps their order when nothing is sorted", () => {
    const copy = [...ROWS];
    sortRows(ROWS, (r) => r.revenue, "ascending");
    expect(ROWS).toEqual(copy);
    expect(names(applySort(ROWS, COLUMNS, null))).toEqual(names(ROWS));
    // A column that does not sort (the bar) leaves the order as given too.
    expect(names(applySort(ROWS, COLUMNS, { columnId: "bar", direction: "ascending" }))).toEqual(names(ROWS));
    expect(names(applySort(ROWS, COLUMNS, { columnId: "rate", direction: "descending" }))).toEqual(["Email", "Organic Social", "Paid Search", "affiliates", "Direct"]);
  });

  it("first click: numbers largest first, text A to Z; each further click reverses; another column starts again", () => {
    const [channel, , revenue] = COLUMNS as [ColumnModel<Row>, ColumnModel<Row>, ColumnModel<Row>];
    expect(firstDirection(revenue)).toBe("descending");
    expect(firstDirection(channel)).toBe("ascending");
    expect(firstDirection({ numeric: true, firstDirection: "ascending" })).toBe("ascending");
    let sort: SortState | null = null;
    expect(ariaSort(sort, "revenue")).toBe("none");
    sort = nextSort(sort, revenue);
    expect(sort).toEqual({ columnId: "revenue", direction: "descending" });
    expect(ariaSort(sort, "revenue")).toBe("descending");
    expect(ariaSort(sort, "channel")).toBe("none");
    sort = nextSort(sort, revenue);
    expect(ariaSort(sort, "revenue")).toBe("ascending");
    sort = nextSort(sort, revenue);
    expect(ariaSort(sort, "revenue")).toBe("descending");
    sort = nextSort(sort, channel);
    expect(sort).toEqual({ columnId: "channel", direction: "ascending" });
    expect(ariaSort(sort, "revenue")).toBe("none");
  });
});

describe("CSV of what a table shows", () => {
  it("has a header with units, the rows in the order given, totals last, columns without CSV left out", () => {
    const shown = applySort(ROWS, COLUMNS, { columnId: "revenue", direction: "descending" });
    const total: Row = { channel: "Total", revenue: 1554.75, rate: 0.1 };
    expect(buildCsv(COLUMNS, shown, [total])).toBe(
      [
        "Channel,Revenue (USD),Conversion rate (%),Converted",
        "Paid Search,1234.50,1.58,yes",
        "Email,120.00,50.00,yes",
        "Direct,120.00,,",
        "Organic Social,80.25,25.00,yes",
        "affiliates,,0.00,no",
        "Total,1554.75,10.00,yes",
        "",
      ].join("\n"),
    );
  });

  it("neutralises formulas, quotes separators, keeps negative numbers as numbers", () => {
    const columns: ColumnModel<{ text: string; change: number }>[] = [
      { id: "t", csv: { header: "Text", value: (r) => r.text } },
      { id: "c", csv: { header: "Change (USD)", value: (r) => csvMoney(r.change) } },
    ];
    const rows = [
      { text: "=HYPERLINK(\"http://x\")", change: -22309 },
      { text: "+1", change: 0.004 },
      { text: "-2+3", change: -0.004 },
      { text: "@SUM(A1)", change: 1 },
      { text: "Direct → Email, Paid", change: 2.5 },
    ];
    expect(buildCsv(columns, rows).split("\n")).toEqual([
      "Text,Change (USD)",
      "\"'=HYPERLINK(\"\"http://x\"\")\",-22309.00",
      "'+1,0.00",
      "'-2+3,0.00",
      "'@SUM(A1),1.00",
      "\"Direct → Email, Paid\",2.50",
      "",
    ]);
  });

  it("writes numbers plain: dollars with 2 decimals, rates as percentages, counts without separators", () => {
    expect(csvMoney(325504)).toBe("325504.00");
    expect(csvMoney(1234.567)).toBe("1234.57");
    expect(csvMoney(-0.001)).toBe("0.00");
    expect(csvMoney(null)).toBeNull();
    expect(csvMoney(Infinity)).toBeNull();
    expect(csvPercent(0.015826)).toBe("1.58");
    expect(csvPercent(0.5, 1)).toBe("50.0");
    expect(csvPercent(-0.00001)).toBe("0.00");
    expect(csvPercent(-0.127)).toBe("-12.70");
    expect(csvPercent(null)).toBeNull();
    expect(csvNumber(12.3456)).toBe("12.35");
    expect(csvNumber(33008)).toBe("33008");
    expect(csvNumber(41.5, 1)).toBe("41.5");
    expect(csvNumber(-0.001)).toBe("0");
    expect(csvNumber(undefined)).toBeNull();
    // Fixed decimals where the screen shows fixed decimals (pages per session "1.80").
    expect(csvDecimal(1.8, 2)).toBe("1.80");
    expect(csvDecimal(1.7996, 2)).toBe("1.80");
    expect(csvDecimal(-0.001, 2)).toBe("0.00");
    expect(csvDecimal(null, 2)).toBeNull();
    // Rounded as the screen rounds (formatDecimal: 1.95 → "2.0"), not as toFixed (1.9499… → "1.9").
    expect(csvDecimal(1.95, 1)).toBe("2.0");
    expect(csvPercent(0.01955, 1)).toBe("2.0");
  });

  it("names the file after the page, the table and the filters shown", () => {
    expect(csvFileName(["attribution", "Channels", "last_click", "7d"])).toBe("attribution-channels-last_click-7d.csv");
    expect(csvFileName(["executive", "top products", "2025-03-01", "to", "2025-03-14"])).toBe("executive-top-products-2025-03-01-to-2025-03-14.csv");
    expect(csvFileName(["monitoring", "checks", "P0", null, ""])).toBe("monitoring-checks-p0.csv");
    expect(csvFileName(["../a/b", "Première"])).toBe("a-b-premi-re.csv");
    expect(csvFileName([])).toBe("table.csv");
  });
});
