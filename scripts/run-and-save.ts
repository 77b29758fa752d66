/** Read files, run the pipeline, save it as a run (the command line; uploads go through lib/runs/queue.ts). */
import { createRun, failRun, saveRunResult, type RunTrigger } from "@/lib/db/save-run";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite } from "@/lib/db/sqlite";
import { readDecodedSources } from "@/lib/io/read-sources";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";

export async function runAndSave(paths: string[], trigger: RunTrigger): Promise<{ runId: number; result: PipelineResult }> {
  const result = runPipeline(await readDecodedSources(paths));
  migrateDatabase();
  const db = openSqlite();
  const runId = createRun(db, trigger);
  try {
    result.timingsMs.save = saveRunResult(db, runId, result);
    return { runId, result };
  } catch (e) {
    failRun(db, runId, e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    db.close();
  }
}
