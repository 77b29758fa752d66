import type { DataTableInfo } from "@/lib/db/queries/data-tables";
import { formatInt } from "@/lib/reports/format";
import css from "./data.module.css";
import { TablePreview } from "./table-preview";

/**
 * Every export table: name, rows, description and a CSV download; a table expands to its columns
 * and first rows. Row-level tables (client ids, URLs, hashed emails) show rows and download only
 * for analysts; others see the columns and who may read them. The download link sits beside the
 * summary, not in it: a summary is a control, and a link inside it would be a nested control.
 */
export function TableList({ tables, canReadRows }: { tables: DataTableInfo[]; canReadRows: boolean }) {
  return (
    <div>
      <div className={`muted small ${css.head}`} aria-hidden="true">
        <span className={css.headName}>Table</span>
        <span className={css.headRows}>Rows</span>
        <span>Description</span>
      </div>
      {tables.map((t) => (
        <div key={t.name} className={css.row}>
          <details className="finding" data-table={t.name}>
            <summary>
              <span className="code">{t.name}</span>
              <span className="count" data-testid={`rows-${t.name}`} title={`${formatInt(t.rows)} rows`}>
                {formatInt(t.rows)}
              </span>
              <span className={`small ${css.description}`}>
                {t.description} <span className="muted">· {t.columns.length} columns</span>
              </span>
            </summary>
            <TablePreview table={t} locked={t.rowLevel && !canReadRows} />
          </details>
          <div className={css.action}>
            {t.rowLevel && !canReadRows ? (
              <span className="badge" title="One row per event, session, client or order: sign in as an analyst to download it" data-testid={`locked-${t.name}`}>
                analysts only
              </span>
            ) : (
              <a
                className={`btn ${css.download}`}
                href={`/api/data/${encodeURIComponent(t.name)}`}
                download
                data-testid={`download-${t.name}`}
                title={`The whole ${t.name} table of this run as CSV (${formatInt(t.rows)} rows)`}
              >
                Download CSV<span className="sr-only"> of {t.name}</span>
              </a>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
