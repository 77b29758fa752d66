/**
 * The run worker: takes the worker lease, drains the run queue one run at a time, then exits.
 * Started by the web server after an upload, a removal or a retry (lib/runs/worker.ts), in its own
 * process so a long run never blocks the server from answering progress polls. When a live worker
 * already holds the lease it exits at once (that worker takes the queued runs).
 *
 * From its first line a worker thread heartbeats the lease token (the main thread is blocked by
 * the pipeline for seconds) and watches the parent: started with RUN_WORKER_PARENT_PID, the
 * process kills itself as soon as that process is no longer its parent, so an orphan never commits.
 */
import { openSqlite } from "@/lib/db/sqlite";
import { startHeartbeat } from "@/lib/runs/heartbeat";
import { leaseStaleMs, newLeaseToken, readLease } from "@/lib/runs/lease";
import { drainQueue } from "@/lib/runs/queue";
import { PARENT_PID_ENV } from "@/lib/runs/worker-process";

const parentPid = Number(process.env[PARENT_PID_ENV]) || undefined;
const db = openSqlite();
const token = newLeaseToken();
const beat = startHeartbeat({ dbPath: db.name, token, staleMs: leaseStaleMs(), parentPid });
try {
  const n = drainQueue(db, undefined, { token });
  const lease = readLease(db);
  const other = n === 0 && lease.token !== null && lease.token !== token ? ` (the lease is held by pid ${lease.pid} on ${lease.host})` : "";
  console.log(`run-worker ${process.pid}: ${n} run(s) processed${other}`);
} finally {
  beat.stop();
  db.close();
}
