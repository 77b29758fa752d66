/**
 * The run worker: drains the run queue one run at a time, then exits. Started by the web server
 * after an upload, a removal or a retry (lib/runs/worker.ts), in its own process so a long run
 * never blocks the server from answering progress polls.
 */
import { openSqlite } from "@/lib/db/sqlite";
import { drainQueue } from "@/lib/runs/queue";

const db = openSqlite();
try {
  const n = drainQueue(db);
  console.log(`run-worker: ${n} run(s) processed`);
} finally {
  db.close();
}
