/**
 * node scripts/cli.mjs bench-save <export dir> [repeats] : times the save alone. Runs the pipeline once,
 * then publishes its result `repeats` times (default 2) into one throwaway database (the first
 * into empty tables, the next ones replacing the previous run's rows, as a rebuild does) and
 * prints the time spent on each table (via the save's afterTable hook) and the commit.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase } from "@/lib/db/migrate";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { openSqlite } from "@/lib/db/sqlite";
import { readDecodedSources } from "@/lib/io/read-sources";
import { runPipeline } from "@/lib/pipeline";

async function main(): Promise<void> {
  const [input, repeatsArg] = process.argv.slice(2);
  if (!input) throw new Error("usage: node scripts/cli.mjs bench-save <export dir> [repeats]");
  const repeats = Number(repeatsArg ?? 2);
  const dir = mkdtempSync(join(tmpdir(), "bench-save-"));
  try {
    const dbPath = join(dir, "bench.db");
    migrateDatabase({ ...process.env, DATABASE_URL: `file:${dbPath}` });
    const result = runPipeline(await readDecodedSources([input]));
    const db = openSqlite(dbPath);
    for (let i = 0; i < repeats; i++) {
      const laps: [string, number, number][] = [];
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
      let lastCpu = cpu();
      const c0 = lastCpu;
      let commitCpu = 0;
      let last = performance.now();
      const s0 = last;
      let committing = 0;
      const total = saveRunResult(db, createRun(db, "cli"), result, {
        afterTable: (table) => {
          const now = performance.now();
          const c = cpu();
          laps.push([table, now - last, c - lastCpu]);
          last = now;
          lastCpu = c;
        },
        beforeCommit: () => {
          committing = performance.now();
          commitCpu = cpu();
        },
      });
      const end = performance.now();
      const endCpu = cpu();
      laps.push(["(rest until commit)", committing - last, commitCpu - lastCpu], ["commit + after", end - committing, endCpu - commitCpu]);
      console.log(`save ${i + 1} (${i === 0 ? "into empty tables" : "replacing the previous run"}): ${Math.round(end - s0)} ms wall, ${Math.round(endCpu - c0)} ms CPU (reported ${total} ms)`);
      for (const [t, ms, c] of laps) console.log(`  ${t.padEnd(22)} ${Math.round(ms).toString().padStart(6)} ms wall ${Math.round(c).toString().padStart(6)} ms CPU`);
      const mb = (p: string) => (existsSync(p) ? (statSync(p).size / 1024 / 1024).toFixed(0) : "0");
      console.log(`  database ${mb(dbPath)} MB, WAL ${mb(`${dbPath}-wal`)} MB`);
    }
    db.close();
    console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
