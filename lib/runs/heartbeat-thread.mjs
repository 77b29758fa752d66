// The worker process's heartbeat and parent-death watchdog, in a worker thread (started by
// lib/runs/heartbeat.ts). Plain JavaScript so it loads the same under tsx, Vitest and node.
//
// Heartbeat: every `intervalMs` it renews `heartbeatMs` of the lease held by `token` on its own
// better-sqlite3 connection. The main thread may be blocked for seconds by the synchronous
// pipeline, and its save transaction holds the write lock: with a short busy timeout the beat is
// skipped then (the holder-alive rule of lib/runs/lease.ts covers a live holder that skips).
//
// Watchdog: when `parentPid` is set and this process's parent changes (the spawning server died
// and the process was re-parented), it kills its own process at once so an orphan never commits.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { dbPath, token, intervalMs, busyTimeoutMs, parentPid, watchIntervalMs, stopped } = workerData;
let db = null;
const timers = [];

function beat() {
  if (!token) return;
  try {
    if (!db) {
      db = new Database(dbPath, { fileMustExist: true });
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
    db.prepare(`UPDATE "WorkerLease" SET "heartbeatMs" = ? WHERE "id" = 1 AND "token" = ?`).run(Date.now(), token);
  } catch (e) {
    // SQLITE_BUSY: the main thread's save holds the write lock; skip this beat. Any other error
    // (the database went away): drop the connection and try again at the next beat.
    if (!String(e && e.code).startsWith("SQLITE_BUSY")) {
      try {
        db?.close();
      } catch {}
      db = null;
    }
  }
}

function watch() {
  if (process.ppid !== parentPid) process.kill(process.pid, "SIGKILL");
}

if (parentPid) {
  watch();
  timers.push(setInterval(watch, watchIntervalMs));
}
if (token) {
  beat();
  timers.push(setInterval(beat, intervalMs));
}

parentPort.on("message", (m) => {
  if (m !== "stop") return;
  for (const t of timers) clearInterval(t);
  try {
    db?.close();
  } catch {}
  db = null;
  Atomics.store(stopped, 0, 1);
  Atomics.notify(stopped, 0);
  parentPort.close();
});
