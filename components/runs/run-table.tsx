import Link from "next/link";
import { Fragment } from "react";
import type { RunListItem } from "@/lib/db/queries/runs";
import { formatDateTime, formatInt } from "@/lib/reports/format";
import { formatDuration } from "./format-run";
import css from "./runs.module.css";

const STATUS_BADGE: Record<string, string> = { succeeded: "ok", failed: "critical", running: "info", queued: "info" };
const MONITORING_BADGE: Record<string, string> = { PASS: "ok", WARNING: "warning", CRITICAL: "critical" };

function count(run: RunListItem, value: number): string {
  return run.status === "succeeded" ? formatInt(value) : "—";
}

/** "2026-11-28 09:11" that wraps only between the date and the time. */
function StartedAt({ iso }: { iso: string }) {
  const [day, time] = formatDateTime(iso).replace(" UTC", "").split(" ");
  return (
    <>
      <span className={css.nowrap}>{day}</span> <span className={css.nowrap}>{time}</span>
    </>
  );
}

/** Runs, newest first: accounting, monitoring status, and which run the dashboards show. */
export function RunTable({ runs, currentRunId }: { runs: RunListItem[]; currentRunId: number | null }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <div className={css.scroll}>
      <table className={`data ${css.runTable}`} aria-label="Runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Started (UTC)</th>
            <th>Trigger</th>
            <th>Status</th>
            <th className="num">Duration</th>
            <th className="num">Input</th>
            <th className="num">Loaded</th>
            <th className="num">Quarantined</th>
            <th className="num">Duplicates</th>
            <th>Monitoring</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const current = r.id === currentRunId;
            return (
              <Fragment key={r.id}>
                <tr data-run-id={r.id} data-status={r.status} className={current ? css.currentRow : undefined}>
                  <td>
                    <b>#{r.id}</b>
                    {current && (
                      <>
                        {" · "}
                        <Link href="/data-quality">findings</Link>
                        <span className={`badge ok ${css.shown}`}>shown on the dashboards</span>
                      </>
                    )}
                  </td>
                  <td>
                    <StartedAt iso={r.createdAt} />
                  </td>
                  <td>{r.trigger}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[r.status] ?? "info"}`}>{r.status}</span>
                  </td>
                  <td className="num">{formatDuration(r.durationMs)}</td>
                  <td className="num">{count(r, r.inputRows)}</td>
                  <td className="num">{count(r, r.loadedRows)}</td>
                  <td className="num">{count(r, r.quarantinedRows)}</td>
                  <td className="num">{count(r, r.duplicateRows)}</td>
                  <td>{r.monitoringStatus ? <span className={`badge ${MONITORING_BADGE[r.monitoringStatus] ?? "info"}`}>{r.monitoringStatus}</span> : "—"}</td>
                </tr>
                {r.status === "failed" && r.error && (
                  <tr className={css.errorRow}>
                    <td colSpan={10}>
                      <span className={css.errorLabel}>Run #{r.id} failed:</span> {r.error}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
