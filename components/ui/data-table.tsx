"use client";

import { useState, type CSSProperties, type HTMLAttributes, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import css from "./data-table.module.css";
import { applySort, ariaSort, buildCsv, csvFileName, nextSort, type ColumnModel, type SortState } from "./table-model";

type DataAttributes = { [key: `data-${string}`]: string | number | boolean | undefined };
/** A body row, or a footer row (totals). */
export type Place = "body" | "foot";

export interface Column<Row> extends ColumnModel<Row> {
  header: ReactNode;
  /** The sort button's name when the header alone is ambiguous (three "Revenue" columns under model groups). */
  sortLabel?: string;
  cell: (row: Row, place: Place) => ReactNode;
  /** Columns under a shared header ("A · First click"): consecutive columns with the same group id share it. */
  group?: { id: string; label: ReactNode; className?: string };
  thProps?: ThHTMLAttributes<HTMLTableCellElement>;
  tdProps?: (row: Row, place: Place) => TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;
}

export interface DataTableProps<Row> {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & DataAttributes;
  /** Rows under the body that never sort (totals); they end the CSV too. */
  footRows?: readonly Row[];
  footRowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & DataAttributes;
  testId?: string;
  ariaLabel?: string;
  /** What the CSV button downloads, in words: "channel table" → "Download channel table as CSV". */
  csvLabel: string;
  /** The CSV file's name: page, table, then the filters the table shows (period, model, lookback). */
  fileName: readonly (string | number | null | undefined)[];
  /** Style of the box around the table that scrolls sideways; false: no box. */
  scroll?: CSSProperties | false;
}

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

/** Sorting state of a table: the rows in the order shown and the header click handler. */
export function useTableSort<Row>(rows: readonly Row[], columns: readonly ColumnModel<Row>[]) {
  const [sort, setSort] = useState<SortState | null>(null);
  return { sort, sorted: applySort(rows, columns, sort), toggle: (column: ColumnModel<Row>) => setSort((s) => nextSort(s, column)) };
}

/** A header's sort button: a real button (keyboard, screen readers), the arrow of the current order beside the label. */
export function SortButton<Row>({ column, sort, onSort, label, children }: { column: ColumnModel<Row>; sort: SortState | null; onSort: (c: ColumnModel<Row>) => void; label?: string; children: ReactNode }) {
  const state = ariaSort(sort, column.id);
  // The arrow is drawn by CSS (▲ ▼, a faint ↕ when not sorted by this column): aria-sort tells screen readers.
  const arrow = <span aria-hidden="true" className={css.arrow} data-sort={state} />;
  return (
    <button type="button" className={cx(css.sort, state !== "none" && css.sorted)} onClick={() => onSort(column)} aria-label={label}>
      {column.numeric ? arrow : null}
      <span>{children}</span>
      {column.numeric ? null : arrow}
    </button>
  );
}

/** Saves text as a file in the browser: a Blob, an object URL and a download link clicked once. */
export function saveTextFile(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob once started; let it start first.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The "CSV" button under a table: downloads what the table shows now, built in the browser. */
export function CsvButton({ label, fileName, csv, testId, rows }: { label: string; fileName: readonly (string | number | null | undefined)[]; csv: () => string; testId?: string; rows: number }) {
  const name = csvFileName(fileName);
  return (
    <div className={css.tools}>
      <button
        type="button"
        className={`btn ${css.csv}`}
        aria-label={`Download ${label} as CSV`}
        title={`${name}: the ${rows} ${rows === 1 ? "row" : "rows"} shown, in the order shown`}
        data-testid={testId}
        onClick={() => saveTextFile(name, csv())}
      >
        <span aria-hidden="true">⤓</span> CSV
      </button>
    </div>
  );
}

function HeaderCell<Row>({ column, sort, onSort, rowSpan }: { column: Column<Row>; sort: SortState | null; onSort: (c: ColumnModel<Row>) => void; rowSpan?: number }) {
  const { className, ...rest } = column.thProps ?? {};
  return (
    <th scope="col" rowSpan={rowSpan} aria-sort={column.sortValue ? ariaSort(sort, column.id) : undefined} className={cx(column.numeric && "num", className)} {...rest}>
      {column.sortValue ? (
        <SortButton column={column} sort={sort} onSort={onSort} label={column.sortLabel}>
          {column.header}
        </SortButton>
      ) : (
        column.header
      )}
    </th>
  );
}

function Cells<Row>({ columns, row, place }: { columns: Column<Row>[]; row: Row; place: Place }) {
  return (
    <>
      {columns.map((c) => {
        const { className, ...rest } = c.tdProps?.(row, place) ?? {};
        return (
          <td key={c.id} className={cx(c.numeric && "num", className)} {...rest}>
            {c.cell(row, place)}
          </td>
        );
      })}
    </>
  );
}

/**
 * A table whose headers sort it (click or keyboard; aria-sort on the header; a stable sort, first
 * click largest first for numbers, A to Z for text, each further click reverses) and whose CSV
 * button downloads exactly the rows and columns shown, in the order shown, totals last.
 */
export function DataTable<Row>({ columns, rows, rowKey, rowProps, footRows, footRowProps, testId, ariaLabel, csvLabel, fileName, scroll = { overflowX: "auto" } }: DataTableProps<Row>) {
  const { sort, sorted, toggle } = useTableSort(rows, columns);
  const grouped = columns.some((c) => c.group);
  const head = grouped ? (
    <>
      <tr>
        {columns.map((c, i) => {
          if (!c.group) return <HeaderCell key={c.id} column={c} sort={sort} onSort={toggle} rowSpan={2} />;
          if (columns[i - 1]?.group?.id === c.group.id) return null;
          let span = 1;
          while (columns[i + span]?.group?.id === c.group.id) span++;
          return (
            <th key={`group-${c.group.id}`} scope="colgroup" colSpan={span} className={c.group.className}>
              {c.group.label}
            </th>
          );
        })}
      </tr>
      <tr>
        {columns
          .filter((c) => c.group)
          .map((c) => (
            <HeaderCell key={c.id} column={c} sort={sort} onSort={toggle} />
          ))}
      </tr>
    </>
  ) : (
    <tr>
      {columns.map((c) => (
        <HeaderCell key={c.id} column={c} sort={sort} onSort={toggle} />
      ))}
    </tr>
  );
  const table = (
    <table className="data" data-testid={testId} aria-label={ariaLabel}>
      <thead>{head}</thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={rowKey(r)} {...rowProps?.(r)}>
            <Cells columns={columns} row={r} place="body" />
          </tr>
        ))}
      </tbody>
      {footRows && footRows.length > 0 ? (
        <tfoot>
          {footRows.map((r) => (
            <tr key={rowKey(r)} {...footRowProps?.(r)}>
              <Cells columns={columns} row={r} place="foot" />
            </tr>
          ))}
        </tfoot>
      ) : null}
    </table>
  );
  return (
    <div className={css.wrap}>
      {scroll === false ? table : <div style={scroll}>{table}</div>}
      <CsvButton label={csvLabel} fileName={fileName} rows={sorted.length + (footRows?.length ?? 0)} testId={testId ? `${testId}-csv` : undefined} csv={() => buildCsv(columns, sorted, footRows)} />
    </div>
  );
}
