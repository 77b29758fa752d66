/**
 * One benchmark measurement in a fresh process (so peak memory is this dataset's alone):
 * runs the pipeline on the given inputs, saves it into a throwaway database, prints JSON.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase } from "@/lib/db/migrate";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { openSqlite } from "@/lib/db/sqlite";
import { readDecodedSources } from "@/lib/io/read-sources";
import { runPipeline } from "@/lib/pipeline";
import { checkHeapFor } from "@/lib/runs/queue";

const inputs = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "bench-db-"));
const dbPath = join(dir, "bench.db");
migrateDatabase({ ...process.env, DATABASE_URL: `file:${dbPath}` });
async function main(): Promise<void> {
  const t0 = performance.now();
  // As the command line reads: files read on the thread pool while the main thread decodes them.
  const sources = await readDecodedSources(inputs);
  const read = performance.now() - t0;
  // The run's own memory check (lib/runs/queue.ts): a data set too large for the heap is refused
  // with a message naming the limit, not left to a V8 abort part-way.
  checkHeapFor(sources.reduce((n, s) => n + Buffer.byteLength(s.content), 0), sources.length);
  // Peak memory up to the end of the quality stage (the ingest + quality target), read when the next stage starts.
  let ingestQualityRssMb = 0;
  const result = runPipeline(sources, {
    onProgress: (stage) => {
      if (stage === "events") ingestQualityRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    },
  });
  const db = openSqlite(dbPath);
  const s0 = performance.now();
  saveRunResult(db, createRun(db, "cli"), result);
  const save = performance.now() - s0;
  db.close();
  const total = performance.now() - t0;
  console.log(
    JSON.stringify({
      rows: result.quality.accounting.inputRows,
      timingsMs: { read: Math.round(read), ...result.timingsMs, save: Math.round(save) },
      totalMs: Math.round(total),
      // CPU time of the whole process (all threads: GC helpers, the read thread pool): on a busy
      // machine wall time varies by tens of percent, CPU time much less.
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ingestQualityRssMb,
      validationPassed: result.validation.every((v) => v.passed),
    }),
  );
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
