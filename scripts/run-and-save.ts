/** Read files, run the pipeline, save it as a run (the command line; uploads go through lib/runs/queue.ts). */
import { createRun, failRun, saveRunResult, type RunTrigger } from "@/lib/db/save-run";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite } from "@/lib/db/sqlite";
import { listSourcePaths, readDecodedSources } from "@/lib/io/read-sources";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";

/** The run row is created first, so its duration on the Runs page covers reading, the pipeline and the save, and a failure anywhere is recorded. */
export async function runAndSave(paths: string[], trigger: RunTrigger): Promise<{ runId: number; result: PipelineResult }> {
  listSourcePaths(paths); // a mistyped path is a usage error, not a failed run
  migrateDatabase();
  const db = openSqlite();
  const runId = createRun(db, trigger);
  try {
    const result = runPipeline(await readDecodedSources(paths));
    result.timingsMs.save = saveRunResult(db, runId, result);
    return { runId, result };
  } catch (e) {
    failRun(db, runId, e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    db.close();
  }
}
