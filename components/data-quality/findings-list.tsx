import type { FindingRow } from "@/lib/db/queries/data-quality";
import { FindingFilesCsv } from "@/components/ui/table-csvs";
import type { Severity } from "@/lib/pipeline/types";
import { formatInt } from "@/lib/reports/format";
import { FINDING_COUNT_NOTE, countUnit, findingAnchor, groupFindings, severityTotals, severityTotalsText } from "@/lib/views/findings";

const TITLE: Record<Severity, string> = { critical: "Critical", warning: "Warning", info: "Information" };

/**
 * Findings grouped by severity, then code. Each code's line states its totals over its files in
 * its own sentence; it expands to one row per file with that file's message and example rows.
 */
export function FindingsList({ findings }: { findings: FindingRow[] }) {
  if (findings.length === 0) return <p className="callout ok">No findings: every check passed.</p>;
  const groups = groupFindings(findings);
  return (
    <div>
      <p className="small muted" data-testid="finding-count-note">{FINDING_COUNT_NOTE}</p>
      {severityTotals(groups).map((t) => {
        if (t.findings === 0) return null;
        const title = TITLE[t.severity];
        return (
          <section key={t.severity} className="sev-group" aria-label={`${title} findings`} data-severity={t.severity}>
            <h3>
              <span className={`badge ${t.severity}`}>{title}</span>
              <span className="muted small" data-testid={`severity-totals-${t.severity}`}>{severityTotalsText(t)}</span>
            </h3>
            {groups
              .filter((g) => g.severity === t.severity)
              .map((g) => (
                <details key={g.code} id={findingAnchor(g.code)} className="finding" data-code={g.code}>
                  <summary>
                    <span className="code">{g.code}</span>
                    <span className="count" title={countUnit(g.code, g.count)}>{formatInt(g.count)}</span>
                    <span className="small sentence">{g.sentence}</span>
                  </summary>
                  <div className="table-scroll">
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
                    <FindingFilesCsv code={g.code} findings={g.findings} />
                  </div>
                </details>
              ))}
          </section>
        );
      })}
    </div>
  );
}
