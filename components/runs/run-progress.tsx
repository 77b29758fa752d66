import type { RunListItem } from "@/lib/db/queries/runs";
import { stageLabel } from "./format-run";
import css from "./runs.module.css";

/** The progress bar of a queued or running run: stage name and percentage. */
export function RunProgress({ run }: { run: RunListItem }) {
  const pct = run.status === "queued" ? 0 : Math.max(0, Math.min(100, Math.round(run.progress * 100)));
  const what = run.status === "queued" ? "waiting to start" : `stage: ${stageLabel(run.stage)}`;
  return (
    <div className={css.progress}>
      <div className={css.progressHead}>
        <span>
          <b>Run #{run.id}</b> <span className="badge info">{run.status}</span> <span className="muted">{what}</span>
        </span>
        <span className={css.pct}>{pct}%</span>
      </div>
      <div
        className={css.track}
        role="progressbar"
        aria-label={`Run #${run.id} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${what}`}
        data-testid="run-progress"
      >
        <div className={css.fill} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
