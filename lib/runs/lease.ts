/**
 * The worker lease: at most one process executes runs at a time, guaranteed by the database, not
 * by a process tree. `WorkerLease` has one row (id 1): the holder's random `token`, its `pid` and
 * `host`, the run it executes (`executingRunId`, read as `runId`) and two times (`acquiredAtMs`, `heartbeatMs`).
 *
 * - acquire: one IMMEDIATE transaction sets the row to a new holder when it is free
 *   (`token IS NULL`) or when the current holder is gone (rule below); otherwise it fails.
 * - heartbeat: the holder renews `heartbeatMs` every few seconds from a worker thread
 *   (lib/runs/heartbeat.ts), so a main thread blocked by the synchronous pipeline still beats.
 * - release: the holder clears the row (`WHERE token = ?`, so a holder that lost the lease
 *   cannot clear its successor's).
 * - fence: `assertLeaseHeld` runs inside the save transaction just before it commits; a worker
 *   whose lease was taken or broken throws there and its results roll back.
 *
 * The holder-alive rule (`holderAlive`): a holder whose heartbeat is at most `LEASE_STALE_MS`
 * (30 s; `RUN_LEASE_STALE_MS` or a parameter overrides it, for tests) old is alive. A holder
 * with an older (stale) heartbeat is gone only when:
 * - same host: its pid is not alive (`process.kill(pid, 0)` fails with ESRCH; EPERM counts as
 *   alive; a zombie, which can run no code, counts as gone);
 * - another host: staleness alone (its pid cannot be checked from here).
 * A stale holder that is still alive on this host (a save holds the write lock, so heartbeats
 * are skipped) keeps the lease. A reused pid keeps a dead holder "alive": unlikely within the
 * time the supervisor takes to notice, and it errs on the side of never running two workers.
 * A caller that knows the holder exited (the server's exit handler of its child) may pass that
 * pid as `deadPid` to skip the wait for staleness.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { Sqlite } from "@/lib/db/sqlite";

/** A heartbeat older than this (ms) makes the lease stale. */
export const LEASE_STALE_MS = 30_000;

/** Environment variable that overrides LEASE_STALE_MS (ms), for tests. */
export const LEASE_STALE_ENV = "RUN_LEASE_STALE_MS";

export function leaseStaleMs(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env[LEASE_STALE_ENV]);
  return Number.isFinite(v) && v > 0 ? v : LEASE_STALE_MS;
}

/** Heartbeat period for a stale limit: several beats fit in one stale period (5 s for 30 s). */
export function heartbeatIntervalMs(staleMs = leaseStaleMs()): number {
  return Math.max(50, Math.min(5_000, Math.floor(staleMs / 6)));
}

export interface Lease {
  token: string | null;
  pid: number | null;
  host: string | null;
  runId: number | null;
  acquiredAtMs: number | null;
  heartbeatMs: number | null;
}

export interface LeaseClock {
  /** Current time in ms (default Date.now()). */
  now?: number;
  /** Stale limit in ms (default leaseStaleMs()). */
  staleMs?: number;
  /** A pid on this host known to have exited: its lease is gone without waiting for staleness. */
  deadPid?: number;
}

/** Thrown by the fence when this worker no longer holds the lease. */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeaseLostError";
  }
}

export const thisHost = (): string => hostname();

/** How runs and the lease name a worker: `pid@host`. */
export function workerName(pid: number = process.pid, host: string = thisHost()): string {
  return `${pid}@${host}`;
}

export function parseWorkerName(name: string | null): { pid: number; host: string } | null {
  const m = name ? /^(\d+)@(.*)$/.exec(name) : null;
  return m ? { pid: Number(m[1]), host: m[2]! } : null;
}

export function newLeaseToken(): string {
  return randomUUID();
}

/** Whether a process of this host is alive: signal 0 reaches it (EPERM: it exists, not ours) and it is no zombie. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // "pid (comm) S ...": the state follows the last ")". An orphan whose reaper does not reap stays a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (not Linux) or a race with its exit: signal 0 said alive
  }
}

const ensureRow = (db: Sqlite) => db.prepare(`INSERT OR IGNORE INTO "WorkerLease" ("id") VALUES (1)`).run();

export function readLease(db: Sqlite): Lease {
  const row = db.prepare(`SELECT "token", "pid", "host", "executingRunId" AS "runId", "acquiredAtMs", "heartbeatMs" FROM "WorkerLease" WHERE "id" = 1`).get() as Lease | undefined;
  return row ?? { token: null, pid: null, host: null, runId: null, acquiredAtMs: null, heartbeatMs: null };
}

/** True when the lease's heartbeat is older than the stale limit (a free lease is not stale). */
export function leaseStale(lease: Lease, clock: LeaseClock = {}): boolean {
  if (lease.token === null) return false;
  const now = clock.now ?? Date.now();
  return lease.heartbeatMs === null || now - lease.heartbeatMs > (clock.staleMs ?? leaseStaleMs());
}

/** The holder-alive rule of the module comment. A free lease has no live holder. */
export function holderAlive(lease: Lease, clock: LeaseClock = {}): boolean {
  if (lease.token === null) return false;
  const sameHost = lease.host === thisHost();
  if (sameHost && lease.pid !== null && clock.deadPid === lease.pid) return false;
  if (!leaseStale(lease, clock)) return true;
  return sameHost && lease.pid !== null ? pidAlive(lease.pid) : false;
}

/**
 * Takes the lease for `token` when it is free or its holder is gone; null when a live holder has
 * it (or another connection holds the write lock past this connection's busy timeout). Taking
 * over a gone holder does not touch its run: lib/runs/supervisor.ts fails that.
 */
export function acquireLease(db: Sqlite, token: string = newLeaseToken(), clock: LeaseClock = {}): string | null {
  const seen = readLease(db); // a WAL read never waits: a live holder is answered without the write lock
  if (seen.token === token) return renewLease(db, token, clock.now) ? token : null;
  if (seen.token !== null && holderAlive(seen, clock)) return null;
  try {
    return db.transaction(() => {
      ensureRow(db);
      const cur = readLease(db);
      const now = clock.now ?? Date.now();
      if (cur.token !== null && holderAlive(cur, { ...clock, now })) return null;
      // Compare-and-set on the state just judged: the holder we found gone, or a free row.
      const taken = db
        .prepare(
          `UPDATE "WorkerLease" SET "token" = ?, "pid" = ?, "host" = ?, "executingRunId" = NULL, "acquiredAtMs" = ?, "heartbeatMs" = ?
           WHERE "id" = 1 AND ("token" IS NULL OR ("token" = ? AND "heartbeatMs" IS ?))`,
        )
        .run(token, process.pid, thisHost(), now, now, cur.token, cur.heartbeatMs).changes;
      return taken === 1 ? token : null;
    }).immediate();
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return null;
    throw e;
  }
}

/** The heartbeat: false when `token` no longer holds the lease. */
export function renewLease(db: Sqlite, token: string, now = Date.now()): boolean {
  return db.prepare(`UPDATE "WorkerLease" SET "heartbeatMs" = ? WHERE "id" = 1 AND "token" = ?`).run(now, token).changes === 1;
}

/** Records the run the holder executes (shown in the reason when it dies). */
export function setLeaseRun(db: Sqlite, token: string, runId: number | null): boolean {
  return db.prepare(`UPDATE "WorkerLease" SET "executingRunId" = ? WHERE "id" = 1 AND "token" = ?`).run(runId, token).changes === 1;
}

/** Frees the lease if `token` holds it; false otherwise (a successor's lease is never cleared). */
export function releaseLease(db: Sqlite, token: string): boolean {
  return (
    db
      .prepare(`UPDATE "WorkerLease" SET "token" = NULL, "pid" = NULL, "host" = NULL, "executingRunId" = NULL, "acquiredAtMs" = NULL, "heartbeatMs" = NULL WHERE "id" = 1 AND "token" = ?`)
      .run(token).changes === 1
  );
}

/** The fence: throws LeaseLostError unless `token` holds the lease. Inside a write transaction the answer holds until commit. */
export function assertLeaseHeld(db: Sqlite, token: string): void {
  const cur = readLease(db);
  if (cur.token === token) return;
  const holder = cur.token === null ? "nobody holds it now" : `it is held by pid ${cur.pid} on ${cur.host}`;
  throw new LeaseLostError(`This worker (pid ${process.pid} on ${thisHost()}) lost the worker lease (${holder}); its results were discarded. Retry to run again.`);
}
