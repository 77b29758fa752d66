/**
 * npm run bench -- --daily <days>:<eventsPerDay>[,...]  (or: tsx scripts/bench-daily.ts <days> <eventsPerDay>)
 * The analyst's morning: daily files added one day at a time to one data set, each add stored and
 * run as the command line does it (store the partition, queue a run, drain it under the lease),
 * against a throwaway database. Prints the time of each add (first, median, last) and the
 * database size per loaded event every 30 days, as one JSON line at the end.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { generateDemo } from "@/lib/demo/generator";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite } from "@/lib/db/sqlite";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { storePartition } from "@/lib/uploads/store";

export interface DailyBench {
  days: number;
  eventsPerDay: number;
  addsMs: number[];
  firstMs: number;
  medianMs: number;
  lastMs: number;
  /** Every 30 days (and the last): database bytes (file + WAL) per loaded event. */
  sizes: { day: number; loadedEvents: number; dbBytes: number; bytesPerEvent: number }[];
  failed: string | null;
}

const fileSize = (p: string) => {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
};

export async function benchDaily(days: number, eventsPerDay: number): Promise<DailyBench> {
  const dir = mkdtempSync(join(tmpdir(), "bench-daily-"));
  try {
    const end = new Date(Date.UTC(2025, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const demo = await generateDemo({ days, eventsPerDay, seed: 5, endDate: end }, join(dir, "input"));
    const dbPath = join(dir, "bench.db");
    migrateDatabase({ ...process.env, DATABASE_URL: `file:${dbPath}` });
    const db = openSqlite(dbPath);
    const addsMs: number[] = [];
    const sizes: DailyBench["sizes"] = [];
    let failed: string | null = null;
    try {
      for (const [i, file] of [...demo.files].sort().entries()) {
        const t0 = performance.now();
        db.transaction(() => storePartition(db, basename(file), readFileSync(file), join(dir, "data"), "cli")).immediate();
        const id = enqueueRun(db, "cli");
        drainQueue(db, join(dir, "data"));
        addsMs.push(Math.round(performance.now() - t0));
        const run = db.prepare(`SELECT "status", "error", "loadedRows" FROM "Run" WHERE "id" = ?`).get(id) as { status: string; error: string | null; loadedRows: number };
        if (run.status !== "succeeded") {
          failed = `day ${i + 1}: run #${id} ${run.status}: ${run.error}`;
          break;
        }
        if ((i + 1) % 30 === 0 || i + 1 === days) {
          db.pragma("wal_checkpoint(TRUNCATE)");
          const dbBytes = fileSize(dbPath) + fileSize(`${dbPath}-wal`);
          sizes.push({ day: i + 1, loadedEvents: run.loadedRows, dbBytes, bytesPerEvent: Math.round(dbBytes / run.loadedRows) });
        }
      }
    } finally {
      db.close();
    }
    const sorted = [...addsMs].sort((a, b) => a - b);
    return { days, eventsPerDay, addsMs, firstMs: addsMs[0] ?? 0, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, lastMs: addsMs.at(-1) ?? 0, sizes, failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("bench-daily.ts")) {
  const [days, perDay] = process.argv.slice(2).map(Number);
  benchDaily(days ?? 30, perDay ?? 3500)
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    });
}
