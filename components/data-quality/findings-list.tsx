import type { FindingRow } from "@/lib/db/queries/data-quality";
import type { Severity } from "@/lib/pipeline/types";
import { formatInt } from "@/lib/reports/format";

const ORDER: { severity: Severity; title: string }[] = [
  { severity: "critical", title: "Critical" },
  { severity: "warning", title: "Warning" },
  { severity: "info", title: "Information" },
];

export interface CodeGroup {
  code: string;
  count: number;
  findings: FindingRow[];
}

/** Findings of one severity grouped by code, largest first (pure; tested). */
export function groupByCode(findings: FindingRow[]): CodeGroup[] {
  const groups = new Map<string, CodeGroup>();
  for (const f of findings) {
    const g = groups.get(f.code) ?? { code: f.code, count: 0, findings: [] };
    g.count += f.count;
    g.findings.push(f);
    groups.set(f.code, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Findings grouped by severity, then code; each code expands to its files, messages and example rows (rendered as text). */
export function FindingsList({ findings }: { findings: FindingRow[] }) {
  if (findings.length === 0) return <p className="callout ok">No findings: every check passed.</p>;
  return (
    <div>
      {ORDER.map(({ severity, title }) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        return (
          <section key={severity} className="sev-group" aria-label={`${title} findings`}>
            <h3>
              <span className={`badge ${severity}`}>{title}</span>
              <span className="muted small">{group.length} findings</span>
            </h3>
            {groupByCode(group).map((g) => (
              <details key={g.code} className="finding" data-code={g.code}>
                <summary>
                  <span className="code">{g.code}</span>
                  <span className="count">{formatInt(g.count)}</span>
                  <span className="small">
                    {g.findings.length === 1 ? g.findings[0]!.message : `in ${g.findings.length} files: ${g.findings[0]!.message}`}
                  </span>
                </summary>
                <table className="data" style={{ marginTop: 8 }}>
                  <thead>
                    <tr>
                      <th>File</th>
                      <th className="num">Count</th>
                      <th>Finding and examples (file:line value)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.findings.map((f) => (
                      <tr key={f.id}>
                        <td className="mono">{f.file ?? "all files"}</td>
                        <td className="num">{formatInt(f.count)}</td>
                        <td>
                          <div className="small">{f.message}</div>
                          {f.examples.map((e, i) => (
                            <div key={i} className="mono wrap muted">
                              {e.file}:{e.line} {e.value}
                            </div>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ))}
          </section>
        );
      })}
    </div>
  );
}
