import type { FindingRow } from "@/lib/db/queries/data-quality";
import type { Severity } from "@/lib/pipeline/types";
import { formatInt } from "@/lib/reports/format";

const ORDER: { severity: Severity; title: string }[] = [
  { severity: "critical", title: "Critical" },
  { severity: "warning", title: "Warning" },
  { severity: "info", title: "Information" },
];

/** Findings grouped by severity; each expands to its message and example rows (rendered as text). */
export function FindingsList({ findings }: { findings: FindingRow[] }) {
  if (findings.length === 0) return <p className="callout ok">No findings: every check passed.</p>;
  return (
    <div>
      {ORDER.map(({ severity, title }) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        const rows = group.reduce((s, f) => s + f.count, 0);
        return (
          <section key={severity} className="sev-group" aria-label={`${title} findings`}>
            <h3>
              <span className={`badge ${severity}`}>{title}</span>
              <span className="muted small">
                {group.length} findings · {formatInt(rows)} rows or ids affected
              </span>
            </h3>
            {group.map((f) => (
              <details key={f.id} className="finding">
                <summary>
                  <span className="code">{f.code}</span>
                  <span className="count">{formatInt(f.count)}</span>
                  <span className="mono muted">{f.file ?? "all files"}</span>
                  <span className="small">{f.message}</span>
                </summary>
                {f.examples.length > 0 ? (
                  <table className="data" style={{ marginTop: 8 }}>
                    <thead>
                      <tr>
                        <th>File</th>
                        <th className="num">Line</th>
                        <th>Value</th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.examples.map((e, i) => (
                        <tr key={i}>
                          <td className="mono">{e.file}</td>
                          <td className="num">{e.line}</td>
                          <td className="mono wrap">{e.value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="muted small">No example rows for this finding.</p>
                )}
              </details>
            ))}
          </section>
        );
      })}
    </div>
  );
}
