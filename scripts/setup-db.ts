/**
 * `npm start` step: apply migrations to the database (DATABASE_URL, default file:./dev.db) and,
 * when it holds no successful run yet, generate the embedded demo data and load it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { generateDemo } from "@/lib/demo/generator";
import { openSqlite } from "@/lib/db/sqlite";
import { migrateDatabase } from "@/lib/db/migrate";
import { databasePath } from "@/lib/db/url";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { storePartition } from "@/lib/uploads/store";


async function main(): Promise<void> {
  if (process.argv.includes("--reset")) {
    // Tests start from an empty database of their own (never the dev database).
    const path = databasePath();
    if (path.endsWith("dev.db")) throw new Error("--reset refuses to delete the development database; set DATABASE_URL to a test database.");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
    if (process.env.DATA_DIR) rmSync(join(process.env.DATA_DIR, "partitions"), { recursive: true, force: true });
  }
  migrateDatabase();
  const db = openSqlite();
  const row = db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" = 'succeeded'`).get() as { n: number };
  db.close();
  if (row.n > 0 && !process.argv.includes("--force-demo")) {
    console.log(`Database ready (${row.n} successful runs).`);
    return;
  }
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const demoDir = mkdtempSync(join(tmpdir(), "demo-"));
  console.log(`Generating demo data (14 days ending ${yesterday}) ...`);
  const demo = await generateDemo({ days: 14, eventsPerDay: 3500, seed: 42, endDate: yesterday }, demoDir);
  // The demo files become the data set's partitions, so later uploads add to them.
  const store = openSqlite();
  try {
    store.transaction(() => {
      for (const file of demo.files) storePartition(store, basename(file), readFileSync(file), undefined, "demo");
    })();
    const runId = enqueueRun(store, "demo");
    drainQueue(store);
    const run = store.prepare(`SELECT "status", "inputRows", "error" FROM "Run" WHERE "id" = ?`).get(runId) as { status: string; inputRows: number; error: string | null };
    if (run.status !== "succeeded") throw new Error(`demo run #${runId} failed: ${run.error}`);
    console.log(`Loaded demo run #${runId}: ${run.inputRows} rows from ${demo.files.length} files.`);
  } finally {
    store.close();
    rmSync(demoDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`Setup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
