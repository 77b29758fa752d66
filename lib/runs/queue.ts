/**
 * The run queue, in the database: runs are queued, then claimed and executed one at a time by
 * the worker (scripts/run-worker.ts). A run's results become visible only when saveRunResult
 * commits; until then pages show the previous successful run.
 */
import { getHeapStatistics } from "node:v8";
import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { createRun, failRun, RunRejected, saveRunResult, updateRunProgress, type RunMeta, type RunTrigger } from "@/lib/db/save-run";
import { readSettings } from "@/lib/db/settings";
import type { Sqlite } from "@/lib/db/sqlite";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";
import { dataDir, listPartitions, readPartitions, type PartitionRow } from "@/lib/uploads/store";
import { startHeartbeat, type Heartbeat } from "./heartbeat";
import { acquireLease, assertLeaseHeld, leaseStaleMs, newLeaseToken, releaseLease, renewLease, workerName } from "./lease";
import { recoverDeadWorkers } from "./supervisor";

/** Queues a run over the whole data set; a run already waiting in the queue covers it too. */
export function enqueueRun(db: Sqlite, trigger: RunTrigger): number {
  const waiting = db.prepare(`SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "id" LIMIT 1`).get() as { id: number } | undefined;
  return waiting ? waiting.id : createRun(db, trigger, "queued");
}

/**
 * Atomically takes the oldest queued run when the caller holds the worker lease (`token`) and no
 * worker's run is running; records this process as the run's worker (pid@host) and the run in the
 * lease. Null when there is nothing to do or the lease is not the caller's. Without a token (tests,
 * single-process tools) it claims only while nobody holds the lease, and that run is not fenced.
 */
export function claimNextRun(db: Sqlite, token?: string): number | null {
  const claim = db.transaction(() => {
    const now = Date.now();
    const info = db
      .prepare(
        `UPDATE "Run" SET "status" = 'running', "stage" = 'starting', "progress" = 0, "startedAtMs" = ?, "worker" = ?
         WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "id" LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM "Run" WHERE "status" = 'running' AND "worker" IS NOT NULL)
         AND EXISTS (SELECT 1 FROM "WorkerLease" WHERE "id" = 1 AND "token" IS ?)
         RETURNING "id"`,
      )
      .get(now, workerName(), token ?? null) as { id: number } | undefined;
    if (info && token) db.prepare(`UPDATE "WorkerLease" SET "executingRunId" = ?, "heartbeatMs" = ? WHERE "id" = 1 AND "token" = ?`).run(info.id, now, token);
    return info ? info.id : null;
  });
  return claim.immediate();
}

export interface ExecuteOptions {
  /** Runs inside the save transaction just before it commits; throwing aborts the save (the lease fence). */
  beforeCommit?: () => void;
  /** Receives the run's result and what it did to the data set (published or rejected). */
  onResult?: (runId: number, result: PipelineResult, meta: RunMeta) => void;
}

/** What changed in the data set since the published run: partitions added, replaced (same name or day, new bytes) and removed. */
export function partitionChanges(db: Sqlite, partitions: PartitionRow[]): Omit<RunMeta, "mode" | "recomputedDays"> {
  const published = db.prepare(`SELECT "partitionsJson" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { partitionsJson: string } | undefined;
  const before = new Map((JSON.parse(published?.partitionsJson ?? "[]") as { name: string; hash: string; day?: string | null }[]).map((p) => [p.day ?? p.name, p.hash]));
  let added = 0;
  let replaced = 0;
  const now = new Set<string>();
  for (const p of partitions) {
    const key = p.day ?? p.name;
    now.add(key);
    const hash = before.get(key);
    if (hash === undefined) added++;
    else if (hash !== p.hash) replaced++;
  }
  const removed = [...before.keys()].filter((k) => !now.has(k)).length;
  return { partitionsAdded: added, partitionsReplaced: replaced, partitionsRemoved: removed, partitions: partitions.map((p) => ({ name: p.name, hash: p.hash, day: p.day })) };
}

/** Bytes of event text the partitions hold once decompressed (a gzip file's size is in its last four bytes). */
function decodedBytes(partitions: PartitionRow[], dir: string): number {
  let total = 0;
  const tail = Buffer.alloc(4);
  for (const p of partitions) {
    if (!p.path.endsWith(".gz") || p.bytes < 18) {
      total += p.bytes;
      continue;
    }
    const fd = openSync(join(dir, p.path), "r");
    try {
      readSync(fd, tail, 0, 4, p.bytes - 4);
      total += Math.max(tail.readUInt32LE(0), p.bytes);
    } finally {
      closeSync(fd);
    }
  }
  return total;
}

/** V8's heap limit counts the young generation (three 16 MiB semi-spaces on 64-bit), where nothing long-lived stays. */
const YOUNG_GENERATION_BYTES = 48 * 1024 ** 2;

function currentHeap(): { limit: number; used: number } {
  const s = getHeapStatistics();
  return { limit: s.heap_size_limit - YOUNG_GENERATION_BYTES, used: s.used_heap_size };
}

/** A full run holds the decoded text and its columns: about three times the text in the JavaScript heap (measured on 1M events). */
export const HEAP_PER_INPUT_BYTE = 3;

/** Refuses, with a message naming the limit, a data set too large for this process's heap (instead of a V8 abort part-way). */
export function checkMemory(partitions: PartitionRow[], dir: string, heap: { limit: number; used: number } = currentHeap()): void {
  checkHeapFor(decodedBytes(partitions, dir), partitions.length, heap);
}

/**
 * The same refusal for `bytes` of event text in `files` files (the benchmark reads its files
 * itself: its text is then already in `heap.used`, and counted once more, on the safe side).
 */
export function checkHeapFor(bytes: number, files: number, heap: { limit: number; used: number } = currentHeap()): void {
  const heapLimit = heap.limit;
  const needed = heap.used + bytes * HEAP_PER_INPUT_BYTE;
  if (needed <= heapLimit) return;
  const gb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`);
  throw new Error(
    `The data set holds ${gb(bytes)} of event text in ${files} files; a full run needs about ${gb(needed)} of memory, more than this process may use (${gb(heapLimit)}, set by Node's --max-old-space-size). Remove days from the data set, or raise the limit with NODE_OPTIONS=--max-old-space-size=<MB>.`,
  );
}

/** Executes one claimed run over every stored partition; records failure with its message. */
export function executeRun(db: Sqlite, runId: number, dir = dataDir(), opts: ExecuteOptions = {}): boolean {
  try {
    const partitions = listPartitions(db);
    if (partitions.length === 0) throw new Error("The data set is empty: upload event files first.");
    checkMemory(partitions, dir);
    const sources = readPartitions(db, dir, partitions); // the same list the memory check and the diff read
    const settings = readSettings(db);
    const result = runPipeline(sources, { includeBots: settings.includeBots, precedence: settings.precedence, sessionTimeoutMinutes: settings.sessionTimeoutMinutes, ownDomains: settings.ownDomains, onProgress: (stage, done) => updateRunProgress(db, runId, stage, Math.min(done * 0.9, 0.9)) });
    const meta: RunMeta = { mode: "full", recomputedDays: result.dailyMetrics.map((d) => d.day), ...partitionChanges(db, partitions) };
    updateRunProgress(db, runId, "save", 0.9);
    try {
      result.timingsMs.save = saveRunResult(db, runId, result, { beforeCommit: opts.beforeCommit }, meta);
    } finally {
      opts.onResult?.(runId, result, meta);
    }
    return true;
  } catch (e) {
    if (!(e instanceof RunRejected)) failRun(db, runId, e instanceof Error ? e.message : String(e));
    return false;
  }
}

/**
 * Server start: runs left "running" by a worker that is gone (lib/runs/supervisor.ts) are marked
 * failed so they can be retried, as are running runs that record no worker (a command-line run of
 * the previous process). A run whose worker still holds the lease and heartbeats is left running.
 */
export function recoverInterruptedRuns(db: Sqlite, opts: { staleMs?: number } = {}): number {
  return recoverDeadWorkers(db, { ...opts, onStart: true }).length;
}

export interface DrainOptions {
  /** Wait up to this long (ms) for a live holder to release the lease; 0 (default): return at once. */
  waitMs?: number;
  /** The lease token to use, when the caller already heartbeats it (scripts/run-worker.ts); otherwise drainQueue starts its own heartbeat thread. */
  token?: string;
  /** Stale limit of the lease (default leaseStaleMs()). */
  staleMs?: number;
  /** Receives each executed run's result (the command line prints and writes its own run's). */
  onResult?: ExecuteOptions["onResult"];
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A queued run that a lease holder could claim now (no worker's run is running). */
const claimable = (db: Sqlite) =>
  db.prepare(`SELECT 1 FROM "Run" WHERE "status" = 'queued' AND NOT EXISTS (SELECT 1 FROM "Run" WHERE "status" = 'running' AND "worker" IS NOT NULL) LIMIT 1`).get() !== undefined;

/**
 * Drains the queue in this process (the worker's loop) while holding the worker lease: nothing is
 * done when a live holder has it (after waiting up to `waitMs`). Every save is fenced by the
 * lease; the lease is released at the end, also on an exception. A run queued while the lease was
 * being released is taken too (kickWorker starts no worker while the lease is held).
 * @returns the number of runs processed
 */
export function drainQueue(db: Sqlite, dir?: string, opts: DrainOptions = {}): number {
  const staleMs = opts.staleMs ?? leaseStaleMs();
  const token = opts.token ?? newLeaseToken();
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let beat: Heartbeat | null = null;
  let done = 0;
  try {
    for (let first = true; ; first = false) {
      let held = acquireLease(db, token, { staleMs });
      while (!held && first && Date.now() < deadline) {
        sleepSync(Math.min(200, deadline - Date.now()));
        held = acquireLease(db, token, { staleMs });
      }
      if (!held) break;
      if (!opts.token) beat ??= startHeartbeat({ dbPath: db.name, token, staleMs });
      recoverDeadWorkers(db, { staleMs }); // the run of a gone holder this lease was taken from
      for (let id = claimNextRun(db, token); id !== null; id = claimNextRun(db, token)) {
        executeRun(db, id, dir, { beforeCommit: () => assertLeaseHeld(db, token), onResult: opts.onResult });
        done++;
        if (!renewLease(db, token)) break;
      }
      if (!releaseLease(db, token) || !claimable(db)) break;
    }
  } finally {
    releaseLease(db, token);
    beat?.stop();
  }
  return done;
}
