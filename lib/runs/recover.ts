import "server-only";
import { openSqlite } from "@/lib/db/sqlite";
import { recoverInterruptedRuns } from "./queue";
import { startSupervisor } from "./supervisor";
import { kickWorker } from "./worker";

/**
 * Server start: fails the runs of workers that are gone (a live, heartbeating worker keeps its
 * run), resumes queued runs, and starts the supervisor that does the same every few seconds.
 */
export function recoverOnStart(): void {
  const g = globalThis as { runSupervisor?: { stop(): void } };
  g.runSupervisor ??= startSupervisor({ open: () => openSqlite(undefined, { busyTimeoutMs: 1_000 }), kick: kickWorker });
  try {
    const db = openSqlite();
    const failed = recoverInterruptedRuns(db);
    const queued = (db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" = 'queued'`).get() as { n: number }).n;
    db.close();
    if (failed > 0) console.log(`Marked ${failed} interrupted run(s) as failed.`);
    if (queued > 0) kickWorker();
  } catch (e) {
    // A database that is not migrated yet is reported by the pages; start-up must not crash on it.
    console.error(`Run recovery skipped: ${e instanceof Error ? e.message : String(e)}`);
  }
}
