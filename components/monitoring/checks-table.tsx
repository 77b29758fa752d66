import type { CheckGroup } from "@/lib/views/monitoring-shape";
import { StatusBadge } from "./status-badge";

/** The checks of each priority as a table: status, check, value, threshold and what it means. */
export function ChecksByPriority({ groups }: { groups: CheckGroup[] }) {
  if (groups.length === 0) return <p className="muted">No checks were evaluated for this run.</p>;
  return (
    <>
      {groups.map((g) => (
        <section key={g.priority} className="panel" aria-label={`${g.priority} checks`} data-priority={g.priority}>
          <h2 style={{ display: "flex", alignItems: "center", gap: 8 }}>
            <span className="badge info">{g.priority}</span>
            {g.title}
            <StatusBadge status={g.status} />
            <span className="hint">{g.hint}</span>
          </h2>
          <div style={{ overflowX: "auto" }}>
            <table className="data">
              <thead>
                <tr>
                  <th style={{ width: 96 }}>Status</th>
                  <th style={{ width: 210 }}>Check</th>
                  <th className="num" style={{ width: 120 }}>
                    Value
                  </th>
                  <th style={{ width: 250 }}>Threshold</th>
                  <th>Explanation</th>
                </tr>
              </thead>
              <tbody>
                {g.checks.map((c) => (
                  <tr key={c.id} data-check-id={c.id} data-status={c.status}>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>
                      <b>{c.name}</b>
                      <div className="mono muted">{c.id}</div>
                    </td>
                    <td className="num">{c.value}</td>
                    <td className="small muted">{c.threshold}</td>
                    <td className="small">{c.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
