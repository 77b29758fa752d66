/**
 * The pure part of the sortable tables (components/ui/data-table.tsx): sorting rows by a column,
 * the aria-sort of a header, the CSV of what a table shows and its file name, and the plain number
 * forms the CSV cells use. No React and no Node imports: client components and unit tests share it.
 */
import { csvLine } from "@/lib/http/csv-response";

export type SortDirection = "ascending" | "descending";
/** A column's value for sorting; null, undefined, NaN and "" are "missing" and sort last either way. */
export type SortValue = string | number | null | undefined;
/** A CSV cell: numbers already in their plain form (see csvMoney, csvPercent, csvNumber); null is an empty cell. */
export type CsvValue = string | number | null | undefined;

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** One CSV column of a table column (a table column may give several, e.g. a name and its id). */
export interface CsvField<Row> {
  /** The CSV header, with its unit: "Revenue (USD)", "Conversion rate (%)". */
  header: string;
  value: (row: Row) => CsvValue;
}

/** What sorting and the CSV need of a column; the component adds how it is drawn. */
export interface ColumnModel<Row> {
  id: string;
  /** Numbers: right-aligned, and the first click sorts largest first. */
  numeric?: boolean;
  /** No sortValue: the column does not sort. */
  sortValue?: (row: Row) => SortValue;
  /** The direction of the first click on the header (default: descending for numbers, ascending for text). */
  firstDirection?: SortDirection;
  /** No csv: the column is left out of the CSV (a bar, a decoration). */
  csv?: CsvField<Row> | CsvField<Row>[];
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function missing(v: SortValue): v is null | undefined {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/** Ascending order of two present values: numbers by value, text in natural order ("file2" before "file10"), numbers before text. */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return collator.compare(a, b);
}

/**
 * The rows ordered by `sortValue` in `direction`, as a new array. Stable: rows with equal values
 * keep their given order in both directions. Missing values go last in both directions.
 */
export function sortRows<Row>(rows: readonly Row[], sortValue: (row: Row) => SortValue, direction: SortDirection): Row[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: sortValue(row) }))
    .sort((p, q) => {
      const pm = missing(p.key);
      const qm = missing(q.key);
      if (pm || qm) return pm && qm ? p.index - q.index : pm ? 1 : -1;
      return sign * compareValues(p.key as string | number, q.key as string | number) || p.index - q.index;
    })
    .map((k) => k.row);
}

/** The rows as a table shows them under `sort` (the given order when nothing is sorted or the column does not sort). */
export function applySort<Row>(rows: readonly Row[], columns: readonly ColumnModel<Row>[], sort: SortState | null): Row[] {
  const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  return column?.sortValue && sort ? sortRows(rows, column.sortValue, sort.direction) : [...rows];
}

/** The direction a column's first click sorts in. */
export function firstDirection(column: Pick<ColumnModel<unknown>, "numeric" | "firstDirection">): SortDirection {
  return column.firstDirection ?? (column.numeric ? "descending" : "ascending");
}

/** The sort after a click on a column's header: its first direction, then each click flips it. */
export function nextSort(current: SortState | null, column: Pick<ColumnModel<unknown>, "id" | "numeric" | "firstDirection">): SortState {
  if (current?.columnId === column.id) return { columnId: column.id, direction: current.direction === "ascending" ? "descending" : "ascending" };
  return { columnId: column.id, direction: firstDirection(column) };
}

/** The aria-sort of a column's header under `sort`. */
export function ariaSort(sort: SortState | null, columnId: string): SortDirection | "none" {
  return sort?.columnId === columnId ? sort.direction : "none";
}

function csvFields<Row>(column: ColumnModel<Row>): CsvField<Row>[] {
  return column.csv === undefined ? [] : Array.isArray(column.csv) ? column.csv : [column.csv];
}

/**
 * The CSV of a table as shown: a header line, then `rows` (already in the order shown) and the
 * footer rows (totals), one line each, every column that has a CSV field. Each value is
 * neutralised against spreadsheet formulas as the server's CSV downloads are (lib/http): text
 * starting with = + - @ gets a leading quote, plain negative numbers stay numbers.
 */
export function buildCsv<Row>(columns: readonly ColumnModel<Row>[], rows: readonly Row[], footRows: readonly Row[] = []): string {
  const fields = columns.flatMap((c) => csvFields(c));
  let text = csvLine(fields.map((f) => f.header));
  for (const row of [...rows, ...footRows]) text += csvLine(fields.map((f) => f.value(row)));
  return text;
}

/** "attribution", "Channels", "last_click", "7d" → "attribution-channels-last_click-7d.csv" (empty parts left out). */
export function csvFileName(parts: readonly (string | number | null | undefined)[]): string {
  const slug = parts
    .map((p) => (p === null || p === undefined ? "" : String(p)))
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9_.]+/g, "-")
        .replace(/^[-.]+|[-.]+$/g, ""),
    )
    .filter((p) => p.length > 0)
    .join("-");
  return `${slug || "table"}.csv`;
}

const finite = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

/** Dollars as a plain number with 2 decimals: 1234.5 → "1234.50", -0.001 → "0.00"; null → empty. */
export function csvMoney(n: number | null | undefined): string | null {
  if (!finite(n)) return null;
  const s = n.toFixed(2);
  return /^-0\.00$/.test(s) ? "0.00" : s;
}

/**
 * `digits` decimals, rounded as the screen rounds them (Intl, as lib/reports/format.ts does: 1.95 →
 * "2.0"), not as `toFixed` does (1.95 is 1.9499… in binary → "1.9"): a CSV cell and its screen cell
 * never disagree in the last digit.
 */
function fixed(n: number, digits: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A ratio as a percentage, plain: (0.15826) → "15.83", (0.5, 1) → "50.0"; null → empty. */
export function csvPercent(ratio: number | null | undefined, digits = 2): string | null {
  if (!finite(ratio)) return null;
  const s = fixed(ratio * 100, digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A number with exactly `digits` decimals, as the screen shows it with the same digits: (1.8, 2) → "1.80"; null → empty. */
export function csvDecimal(n: number | null | undefined, digits: number): string | null {
  if (!finite(n)) return null;
  const s = fixed(n, digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A number rounded to at most `digits` decimals, without trailing zeros: (12.3456, 2) → "12.35", (3, 2) → "3"; null → empty. */
export function csvNumber(n: number | null | undefined, digits = 2): string | null {
  if (!finite(n)) return null;
  const r = Number(n.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}
