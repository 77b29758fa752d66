/**
 * The run queue, in the database: runs are queued, then claimed and executed one at a time by
 * the worker (scripts/run-worker.ts). A run's results become visible only when saveRunResult
 * commits; until then pages show the previous successful run.
 */
import { createRun, failRun, saveRunResult, updateRunProgress, type RunTrigger } from "@/lib/db/save-run";
import type { Sqlite } from "@/lib/db/sqlite";
import { runPipeline } from "@/lib/pipeline";
import { readPartitions } from "@/lib/uploads/store";

/** Queues a run over the whole data set; a run already waiting in the queue covers it too. */
export function enqueueRun(db: Sqlite, trigger: RunTrigger): number {
  const waiting = db.prepare(`SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "id" LIMIT 1`).get() as { id: number } | undefined;
  return waiting ? waiting.id : createRun(db, trigger, "queued");
}

/** Atomically takes the oldest queued run when no run is running; null when there is nothing to do. */
export function claimNextRun(db: Sqlite): number | null {
  const info = db
    .prepare(
      `UPDATE "Run" SET "status" = 'running', "stage" = 'starting', "progress" = 0, "startedAtMs" = ?
       WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "id" LIMIT 1)
       AND NOT EXISTS (SELECT 1 FROM "Run" WHERE "status" = 'running')
       RETURNING "id"`,
    )
    .get(Date.now()) as { id: number } | undefined;
  return info ? info.id : null;
}

export interface ExecuteOptions {
  /** Runs inside the save transaction just before it commits; throwing aborts the save (the lease fence). */
  beforeCommit?: () => void;
}

/** Executes one claimed run over every stored partition; records failure with its message. */
export function executeRun(db: Sqlite, runId: number, dir?: string, opts: ExecuteOptions = {}): boolean {
  try {
    const sources = readPartitions(db, dir);
    if (sources.length === 0) throw new Error("The data set is empty: upload event files first.");
    const result = runPipeline(sources, { onProgress: (stage, done) => updateRunProgress(db, runId, stage, Math.min(done * 0.9, 0.9)) });
    updateRunProgress(db, runId, "save", 0.9);
    saveRunResult(db, runId, result, { beforeCommit: opts.beforeCommit });
    return true;
  } catch (e) {
    failRun(db, runId, e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Runs left "running" by a process that died (a restart) are marked failed so they can be retried. */
export function recoverInterruptedRuns(db: Sqlite): number {
  return db
    .prepare(`UPDATE "Run" SET "status" = 'failed', "error" = 'Interrupted: the server stopped during this run. Retry it to run again.', "finishedAtMs" = ? WHERE "status" = 'running'`)
    .run(Date.now()).changes;
}

/** Drains the queue in this process (the worker's loop). */
export function drainQueue(db: Sqlite, dir?: string): number {
  let done = 0;
  for (let id = claimNextRun(db); id !== null; id = claimNextRun(db)) {
    executeRun(db, id, dir);
    done++;
  }
  return done;
}
