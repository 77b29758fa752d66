import Link from "next/link";
import { RunsCsv } from "@/components/ui/table-csvs";
import { Fragment } from "react";
import type { RunListItem } from "@/lib/db/queries/runs";
import { formatInt } from "@/lib/reports/format";
import { DateTime } from "./date-time";
import { countsKnown, describeChanges, formatDuration, modeLabel, triggerLabel } from "./format-run";
import css from "./runs.module.css";

const STATUS_BADGE: Record<string, string> = { succeeded: "ok", failed: "critical", running: "info", queued: "info" };
const MONITORING_BADGE: Record<string, string> = { PASS: "ok", WARNING: "warning", CRITICAL: "critical" };
const MODE_HINT: Record<string, string> = {
  full: "Full: every day of the data set was recomputed",
  incremental: "Incremental: only the days the changed files touch were recomputed",
};
const COLUMNS = 11;

/** A run's row count as the table shows it: "—" until it is known (countsKnown). */
function count(run: RunListItem, value: number): string {
  return countsKnown(run) ? formatInt(value) : "—";
}

/** The run's mode and what it changed: "Full: +1 day, recomputed 14 days" and, below, the recomputed days. */
function ModeAndChanges({ run }: { run: RunListItem }) {
  const settled = run.status === "succeeded" || run.status === "failed";
  const changes = describeChanges(run);
  // A run that failed before reading the data set recorded no mode or changes.
  if (!settled || (run.status === "failed" && changes === null)) return <span className="muted">—</span>;
  const { first, last } = run.recomputedDays;
  return (
    <>
      <span className={css.mode} title={MODE_HINT[run.mode]} data-testid="run-mode">
        {modeLabel(run.mode)}
      </span>
      {changes && (
        <>
          : <span data-testid="run-changes">{changes}</span>
        </>
      )}
      {first && last && (
        <span className={`small muted ${css.block}`}>
          <span className={css.nowrap}>{first}</span>
          {first !== last && (
            <>
              {" – "}
              <span className={css.nowrap}>{last}</span>
            </>
          )}
        </span>
      )}
    </>
  );
}

/** Why a run failed and, for a run rejected by validation, which checks failed and why. */
function FailureRow({ run }: { run: RunListItem }) {
  const checks = run.failedChecks;
  return (
    <tr className={css.errorRow} data-failure-of={run.id}>
      <td colSpan={COLUMNS}>
        <div className={css.pinned}>
          <span className={css.errorLabel}>Run #{run.id} failed:</span> {run.error}
          {checks.length > 0 && (
            <details className={css.checks}>
              <summary>
                {checks.length === 1 ? "1 failing validation check" : `${checks.length} failing validation checks`}
              </summary>
              <ul aria-label={`Failing validation checks of run #${run.id}`}>
                {checks.map((c, i) => (
                  <li key={`${c.name}-${i}`}>
                    <b>{c.name}</b>: {c.detail}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Runs, newest first: what started them, what they changed, accounting, monitoring, and which run the dashboards show. */
export function RunTable({ runs, currentRunId }: { runs: RunListItem[]; currentRunId: number | null }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <div className={css.scroll} role="region" aria-label="Runs (scrolls sideways)" tabIndex={0}>
      <table className={`data ${css.runTable}`} aria-label="Runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Started (UTC)</th>
            <th>Trigger</th>
            <th>Mode and changes</th>
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
            const settled = r.status === "succeeded" || r.status === "failed";
            return (
              <Fragment key={r.id}>
                <tr data-run-id={r.id} data-status={r.status} data-mode={settled ? r.mode : undefined} className={current ? css.currentRow : undefined}>
                  <td>
                    <b>#{r.id}</b>
                    {current && (
                      <>
                        {" · "}
                        <Link href="/data-quality">findings</Link>
                        <span className={`badge ok ${css.shown}`}>shown on the dashboards</span>
                      </>
                    )}
                    {r.worker && (
                      <span className={`small muted ${css.block}`} title="The process that executed the run (pid@host)">
                        by <span className={css.nowrap}>{r.worker}</span>
                      </span>
                    )}
                  </td>
                  <td>
                    <DateTime iso={r.createdAt} />
                  </td>
                  <td>{triggerLabel(r.trigger)}</td>
                  <td className={css.changes}>
                    <ModeAndChanges run={r} />
                  </td>
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
                {r.status === "failed" && r.error && <FailureRow run={r} />}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <RunsCsv runs={runs} />
    </div>
  );
}
