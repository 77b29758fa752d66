import type { DataTableInfo } from "@/lib/db/queries/data-tables";
import { previewText } from "@/lib/views/data-preview";
import { formatInt } from "@/lib/reports/format";
import css from "./data.module.css";

/** The first rows of one export table, values as text; long values cut, the full value in the tooltip. */
export function TablePreview({ table, locked = false }: { table: DataTableInfo; locked?: boolean }) {
  return (
    <div style={{ margin: "8px 0 4px" }}>
      {locked ? (
        <p className="muted small" style={{ margin: "0 0 6px" }}>
          {formatInt(table.rows)} rows. Its rows carry client ids, page URLs or hashed emails: <a href="/sign-in?next=/data">sign in as an analyst</a> to see and download them.
        </p>
      ) : table.rows === 0 ? (
        <p className="muted small">No rows in this run.</p>
      ) : (
        <p className="muted small" style={{ margin: "0 0 6px" }}>
          First {formatInt(table.preview.length)} of {formatInt(table.rows)} rows, in export order.
        </p>
      )}
      {/* width 0 + min-width 100%: a wide table scrolls here instead of widening the page; focusable, so arrow keys scroll it. */}
      <div className={css.scroll} role="region" aria-label={`First rows of ${table.name} (scrolls sideways)`} tabIndex={0}>
        <table className="data" aria-label={`First rows of ${table.name}`}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.name} className="mono" title={c.description}>
                  {c.name}
                </th>
              ))}
            </tr>
            <tr>
              {table.columns.map((c) => (
                <th key={c.name} className="small" style={{ fontWeight: 400, whiteSpace: "normal", minWidth: 90 }}>
                  {c.description}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.preview.map((row, i) => (
              <tr key={i}>
                {row.map((value, j) => {
                  const { text, full } = previewText(value);
                  return (
                    <td key={j} className={typeof value === "number" ? "num mono" : "mono"} title={full ?? undefined} style={{ whiteSpace: "nowrap" }}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
