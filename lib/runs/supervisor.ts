/**
 * Finds runs whose worker is gone and fails them, so the queue never jams behind a dead worker.
 * Used by the web server every few seconds (lib/runs/recover.ts), by its child-exit handler
 * (lib/runs/worker.ts, with the exited pid), on server start (recoverInterruptedRuns), and by a
 * worker that has just taken the lease (drainQueue).
 *
 * A running run names its worker (`Run.worker`, pid@host, written when it was claimed):
 * - the worker holds the lease: the run is dead when the holder is gone (lib/runs/lease.ts:
 *   heartbeat stale and, on this host, its pid not alive; or the pid is known to have exited).
 *   The run is failed and the lease released in the same transaction.
 * - the worker does not hold the lease: it can no longer commit (the fence), so the run is dead
 *   when that process is gone (same host: pid not alive; another host: at once).
 * - no worker recorded (a command-line run): left alone, except on server start (`onStart`), where
 *   it is failed as before (its process cannot be known).
 * Decisions are taken from a plain read first (WAL reads never wait, so the server is not
 * blocked by a long save) and repeated inside an IMMEDIATE transaction before anything is written.
 */
import type { Sqlite } from "@/lib/db/sqlite";
import { holderAlive, leaseStaleMs, parseWorkerName, pidAlive, readLease, releaseLease, thisHost, type LeaseClock } from "./lease";

/** How often the web server looks for dead workers. */
export const SUPERVISE_INTERVAL_MS = 5_000;

export interface RecoverOptions extends LeaseClock {
  /** Server start: also fail running runs that record no worker. */
  onStart?: boolean;
}

const INTERRUPTED = "Interrupted: the server stopped during this run. Retry it to run again.";

interface RunningRow {
  id: number;
  stage: string | null;
  worker: string | null;
}

function judge(db: Sqlite, opts: RecoverOptions): { fail: { id: number; reason: string }[]; release: string | null } {
  const clock = { ...opts, now: opts.now ?? Date.now(), staleMs: opts.staleMs ?? leaseStaleMs() };
  const lease = readLease(db);
  const holderGone = lease.token !== null && !holderAlive(lease, clock);
  const running = db.prepare(`SELECT "id", "stage", "worker" FROM "Run" WHERE "status" = 'running' ORDER BY "id"`).all() as RunningRow[];
  const fail: { id: number; reason: string }[] = [];
  for (const run of running) {
    const owner = parseWorkerName(run.worker);
    const stage = run.stage ?? "starting";
    if (!owner) {
      if (opts.onStart) fail.push({ id: run.id, reason: INTERRUPTED });
      continue;
    }
    const who = `pid ${owner.pid} on ${owner.host}`;
    const holdsLease = lease.token !== null && lease.pid === owner.pid && lease.host === owner.host;
    if (holdsLease) {
      if (!holderGone) continue;
      const beat = lease.heartbeatMs === null ? "never recorded" : `at ${new Date(lease.heartbeatMs).toISOString()}`;
      fail.push({ id: run.id, reason: `The worker stopped (${who}) during stage ${stage}; its last heartbeat was ${beat}. Retry to run again.` });
    } else {
      const gone = owner.host !== thisHost() || owner.pid === opts.deadPid || !pidAlive(owner.pid);
      if (gone) fail.push({ id: run.id, reason: `The worker stopped (${who}) during stage ${stage}; it no longer held the worker lease. Retry to run again.` });
    }
  }
  return { fail, release: holderGone ? lease.token : null };
}

/**
 * Fails the running runs whose worker is gone and releases a gone holder's lease.
 * @returns the ids of the runs marked failed
 */
export function recoverDeadWorkers(db: Sqlite, opts: RecoverOptions = {}): number[] {
  const seen = judge(db, opts);
  if (seen.fail.length === 0 && seen.release === null) return [];
  return db.transaction(() => {
    const { fail, release } = judge(db, opts);
    const failed: number[] = [];
    const mark = db.prepare(`UPDATE "Run" SET "status" = 'failed', "error" = ?, "finishedAtMs" = ? WHERE "id" = ? AND "status" = 'running'`);
    for (const f of fail) if (mark.run(f.reason, Date.now(), f.id).changes === 1) failed.push(f.id);
    if (release !== null) releaseLease(db, release);
    return failed;
  }).immediate();
}

/** True when a run waits and no live worker holds the lease (one should be started). */
export function workerNeeded(db: Sqlite, clock: LeaseClock = {}): boolean {
  const queued = db.prepare(`SELECT 1 FROM "Run" WHERE "status" = 'queued' LIMIT 1`).get() !== undefined;
  return queued && !holderAlive(readLease(db), clock);
}

/** One supervisor pass: recover dead workers, then start a worker when runs wait and none holds the lease. */
export function superviseOnce(db: Sqlite, opts: RecoverOptions & { kick?: () => void } = {}): { failed: number[]; kicked: boolean } {
  const failed = recoverDeadWorkers(db, opts);
  const kicked = workerNeeded(db, opts);
  if (kicked) opts.kick?.();
  return { failed, kicked };
}

/** Runs superviseOnce every `intervalMs` on an unref'd timer (it never keeps the process alive). */
export function startSupervisor(opts: { open: () => Sqlite; kick: () => void; intervalMs?: number; staleMs?: number; log?: (msg: string) => void }): { stop(): void } {
  const log = opts.log ?? ((m: string) => console.log(m));
  let lastError = "";
  const tick = () => {
    let db: Sqlite | null = null;
    try {
      db = opts.open();
      const { failed } = superviseOnce(db, { staleMs: opts.staleMs, kick: opts.kick });
      if (failed.length > 0) log(`Run supervisor: the worker of run(s) #${failed.join(", #")} stopped; marked failed.`);
      lastError = "";
    } catch (e) {
      // A busy database (retried at the next tick) or one not migrated yet: report each new error once.
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== lastError) log(`Run supervisor skipped a check: ${msg}`);
      lastError = msg;
    } finally {
      db?.close();
    }
  };
  const timer = setInterval(tick, opts.intervalMs ?? SUPERVISE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
