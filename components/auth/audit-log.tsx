import type { AuditEntry } from "@/lib/auth/audit";
import { AuditCsv } from "@/components/ui/table-csvs";
import { formatInt } from "@/lib/reports/format";

const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** The newest audit entries (admins only): who uploaded, replaced, removed, re-ran or changed an account, and when. */
export function AuditLog({ total, entries }: { total: number; entries: AuditEntry[] }) {
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <h2 id="audit-heading" style={{ margin: 0 }}>
          Audit log <span className="hint">{total === 0 ? "nothing recorded yet" : `newest ${formatInt(entries.length)} of ${formatInt(total)}`}</span>
        </h2>
        {total > 0 && (
          <a className="btn" href="/api/audit" download>
            Download CSV
          </a>
        )}
      </div>
      {entries.length > 0 && (
        <div style={{ overflowX: "auto", width: 0, minWidth: "100%" }} role="region" aria-label="Audit log (scrolls sideways)" tabIndex={0}>
          <table className="data" aria-labelledby="audit-heading">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="mono" style={{ whiteSpace: "nowrap" }}>{when(e.atMs)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td className="mono">{e.target ?? ""}</td>
                  <td>{e.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <AuditCsv entries={entries} />
        </div>
      )}
    </section>
  );
}
