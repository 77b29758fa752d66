/**
 * npm run bench -- --daily <days>:<eventsPerDay>[,...]  (or: node scripts/cli.mjs bench-daily <days> <eventsPerDay>)
 * The analyst's morning: daily files added one day at a time to one data set, each add through the
 * command line's own path (`runAndSave`: check, store, queue, drain under the lease), against a
 * throwaway database. Prints the time of each add (first, median, last) and the
 * database size per loaded event every 30 days, as one JSON line at the end.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemo } from "@/lib/demo/generator";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite } from "@/lib/db/sqlite";
import { runAndSave } from "./run-and-save";

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
    process.env.DATABASE_URL = `file:${dbPath}`; // this process is the bench's own (scripts/bench.ts spawns it)
    migrateDatabase(); // created before the first add, so no add carries the one-time migration
    const addsMs: number[] = [];
    const sizes: DailyBench["sizes"] = [];
    let failed: string | null = null;
    for (const [i, file] of [...demo.files].sort().entries()) {
      const t0 = performance.now();
      const run = await runAndSave([file], { dir: join(dir, "data") });
      addsMs.push(Math.round(performance.now() - t0));
      if (run.status !== "succeeded" || !run.result) {
        failed = `day ${i + 1}: run #${run.runId} ${run.status}: ${run.error}`;
        break;
      }
      if ((i + 1) % 30 === 0 || i + 1 === days) {
        const db = openSqlite(dbPath);
        try {
          db.pragma("wal_checkpoint(TRUNCATE)");
        } finally {
          db.close();
        }
        const loadedEvents = run.result.quality.accounting.loadedRows;
        const dbBytes = fileSize(dbPath) + fileSize(`${dbPath}-wal`);
        sizes.push({ day: i + 1, loadedEvents, dbBytes, bytesPerEvent: Math.round(dbBytes / loadedEvents) });
      }
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
