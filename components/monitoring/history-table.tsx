import type { MonitoringData } from "@/lib/db/queries/monitoring";
import { formatDateTime, formatInt } from "@/lib/reports/format";
import { StatusBadge } from "./status-badge";

/** Past successful runs, newest first, with the status their monitoring had when they ran. */
export function HistoryTable({ history, currentRunId }: { history: MonitoringData["history"]; currentRunId: number }) {
  if (history.length === 0) return <p className="muted">No earlier runs.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
    <table className="data" data-testid="monitoring-history">
      <thead>
        <tr>
          <th>Run</th>
          <th>Loaded at</th>
          <th>Trigger</th>
          <th className="num">Input rows</th>
          <th>Status at run time</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={h.runId} data-run-id={h.runId} style={h.runId === currentRunId ? { background: "var(--accent-soft)" } : undefined}>
            <td>
              #{h.runId}
              {h.runId === currentRunId && <span className="muted small"> (current)</span>}
            </td>
            <td>{formatDateTime(h.createdAt)}</td>
            <td>{h.trigger}</td>
            <td className="num">{formatInt(h.inputRows)}</td>
            <td>{h.status ? <StatusBadge status={h.status} /> : <span className="muted small">not monitored</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
