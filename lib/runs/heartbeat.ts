/**
 * Starts the heartbeat/watchdog thread (heartbeat-thread.mjs) of a process that holds, or is
 * about to hold, the worker lease. The thread has its own SQLite connection and timers, so it
 * beats while the main thread runs the synchronous pipeline. It is unref'd: it never keeps the
 * process alive.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { heartbeatIntervalMs, leaseStaleMs } from "./lease";

/** The thread's source; resolved from the working directory like the worker script (lib/runs/worker-process.ts). */
export const HEARTBEAT_THREAD = join("lib", "runs", "heartbeat-thread.mjs");

/** Busy timeout of the thread's connection: a beat that would wait longer is skipped. */
export const HEARTBEAT_BUSY_TIMEOUT_MS = 250;

export interface HeartbeatOptions {
  /** The database file (`db.name` of the main connection). */
  dbPath: string;
  /** The lease token to renew; beats are no-ops while it does not hold the lease. Omit for a watchdog only. */
  token?: string;
  /** Stale limit the beat period derives from (default leaseStaleMs()). */
  staleMs?: number;
  /** Parent-death watchdog: the process kills itself (SIGKILL) as soon as its parent pid is no longer this one. */
  parentPid?: number;
  /** How often the watchdog checks its parent (ms). */
  watchIntervalMs?: number;
  cwd?: string;
}

export interface Heartbeat {
  stop(): void;
}

/** How long `stop` waits for the thread to close its connection. */
const STOP_WAIT_MS = 5_000;

export function startHeartbeat(opts: HeartbeatOptions): Heartbeat {
  // Set to 1 by the thread once it has stopped its timers and closed its connection.
  const stopped = new Int32Array(new SharedArrayBuffer(4));
  // Loaded from disk at run time, never bundled (this module is reachable from server code).
  const thread = new Worker(/* webpackIgnore: true */ /* turbopackIgnore: true */ join(opts.cwd ?? process.cwd(), HEARTBEAT_THREAD), {
    execArgv: [], // plain JavaScript: no TypeScript loader needed in the thread
    workerData: {
      dbPath: opts.dbPath,
      token: opts.token ?? null,
      intervalMs: heartbeatIntervalMs(opts.staleMs ?? leaseStaleMs()),
      busyTimeoutMs: HEARTBEAT_BUSY_TIMEOUT_MS,
      parentPid: opts.parentPid ?? null,
      watchIntervalMs: opts.watchIntervalMs ?? 250,
      stopped,
    },
  });
  thread.on("error", (e) => console.error(`heartbeat thread: ${e instanceof Error ? e.message : String(e)}`));
  thread.unref();
  // Synchronous: when stop returns, the thread holds no connection (a caller may delete the file).
  return {
    stop: () => {
      thread.postMessage("stop");
      Atomics.wait(stopped, 0, 0, STOP_WAIT_MS);
    },
  };
}
