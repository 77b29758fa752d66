import type { DataTableInfo } from "@/lib/db/queries/data-tables";
import { formatInt } from "@/lib/reports/format";
import { TablePreview } from "./table-preview";

/**
 * Every export table: name, rows, description and a CSV download; a table expands to its columns
 * and first rows. Row-level tables (client ids, URLs, hashed emails) show rows and download only
 * for analysts; others see the columns and who may read them.
 */
export function TableList({ tables, canReadRows }: { tables: DataTableInfo[]; canReadRows: boolean }) {
  return (
    <div>
      <div className="muted small" style={{ display: "flex", gap: 10, padding: "0 0 4px", borderBottom: "1px solid var(--line)" }} aria-hidden="true">
        <span style={{ minWidth: 230 }}>Table</span>
        <span style={{ minWidth: 70, textAlign: "right" }}>Rows</span>
        <span>Description</span>
      </div>
      {tables.map((t) => (
        <details key={t.name} className="finding" data-table={t.name}>
          <summary style={{ alignItems: "center" }}>
            <span className="code">{t.name}</span>
            <span className="count" data-testid={`rows-${t.name}`} title={`${formatInt(t.rows)} rows`}>
              {formatInt(t.rows)}
            </span>
            <span className="small" style={{ flex: 1 }}>
              {t.description} <span className="muted">· {t.columns.length} columns</span>
            </span>
            {t.rowLevel && !canReadRows ? (
              <span className="badge" title="One row per event, session, client or order: sign in as an analyst to download it" data-testid={`locked-${t.name}`}>
                analysts only
              </span>
            ) : (
            <a
              className="btn"
              style={{ padding: "4px 10px", fontSize: 13, whiteSpace: "nowrap" }}
              href={`/api/data/${encodeURIComponent(t.name)}`}
              download
              data-testid={`download-${t.name}`}
              title={`The whole ${t.name} table of this run as CSV (${formatInt(t.rows)} rows)`}
            >
              Download CSV
            </a>
            )}
          </summary>
          <TablePreview table={t} locked={t.rowLevel && !canReadRows} />
        </details>
      ))}
    </div>
  );
}
