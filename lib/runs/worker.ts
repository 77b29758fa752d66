import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { openSqlite } from "@/lib/db/sqlite";
import { holderAlive, readLease } from "./lease";
import { recoverDeadWorkers, workerNeeded } from "./supervisor";
import { PARENT_PID_ENV, workerCommand } from "./worker-process";

let child: ChildProcess | null = null;
let again = false;

/** Connections of the server's queue bookkeeping wait briefly: a save may hold the write lock for long. */
const BUSY_TIMEOUT_MS = 1_000;

/** The pid of this server's worker child while it runs (diagnostics and tests). */
export function runningWorkerPid(): number | null {
  return child?.pid ?? null;
}

/** Whether a live worker holds the lease (it drains the queue, runs queued now included). */
function liveHolder(): boolean {
  const db = openSqlite(undefined, { busyTimeoutMs: BUSY_TIMEOUT_MS });
  try {
    return holderAlive(readLease(db));
  } finally {
    db.close();
  }
}

/**
 * Starts the worker process unless one is already draining the queue: our own child (then it runs
 * once more after it exits) or any live holder of the worker lease (it takes the queued runs; the
 * supervisor starts a worker when the lease is free and runs wait).
 */
export function kickWorker(): void {
  if (child) {
    again = true;
    return;
  }
  try {
    if (liveHolder()) return;
  } catch {
    // Unreadable lease (a database not migrated yet): start the worker; it decides through the lease.
  }
  const { command, args } = workerCommand();
  const started = spawn(command, args, { cwd: process.cwd(), env: { ...process.env, [PARENT_PID_ENV]: String(process.pid) }, stdio: ["ignore", "inherit", "inherit"] });
  child = started;
  started.on("error", (e) => {
    console.error(`Could not start the run worker: ${e.message}`);
    if (child === started) child = null;
  });
  started.on("exit", (code, signal) => {
    if (child === started) child = null;
    if (code !== 0 || signal !== null) recoverAfterCrash(started.pid, signal ?? `code ${code}`);
    if (again) {
      again = false;
      kickWorker();
    }
  });
}

/** The worker died (a crash, an OOM kill, kill -9): fail its run at once instead of waiting for its lease to go stale. */
function recoverAfterCrash(pid: number | undefined, how: string): void {
  try {
    const db = openSqlite(undefined, { busyTimeoutMs: BUSY_TIMEOUT_MS });
    try {
      const failed = recoverDeadWorkers(db, { deadPid: pid });
      console.error(`The run worker (pid ${pid}) exited with ${how}${failed.length > 0 ? `; run(s) #${failed.join(", #")} marked failed` : ""}.`);
      // Only after failing a run: a worker that dies before claiming anything is retried by the supervisor, not in a tight loop.
      if (failed.length > 0 && workerNeeded(db)) again = true;
    } finally {
      db.close();
    }
  } catch (e) {
    console.error(`Recovery after the run worker exited failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
