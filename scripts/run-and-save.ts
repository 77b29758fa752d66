/**
 * The command line's path into the data set: validate the files under the same rules as uploads,
 * store them as partitions (same bytes change nothing; a new file for a stored day replaces it),
 * queue a run and execute it here under the worker lease (one worker at a time, whoever it is).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { RunMeta } from "@/lib/db/save-run";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite, writeWhenFree } from "@/lib/db/sqlite";
import { COMMAND_LINE, recordAudit } from "@/lib/auth/audit";
import { listSourcePaths, SourceError } from "@/lib/io/read-sources";
import type { PipelineResult } from "@/lib/pipeline";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { dataDir, removeAllPartitions, storePartition, type StoreStatus } from "@/lib/uploads/store";
import { validateUpload } from "@/lib/uploads/validate-upload";

export interface CliRun {
  runId: number;
  status: string;
  error: string | null;
  stored: { name: string; status: StoreStatus }[];
  result: PipelineResult | null;
  meta: RunMeta | null;
}

/** Files the command line rejects before storing anything (each with its reason). */
export class RejectedFiles extends Error {
  override name = "RejectedFiles";
  constructor(readonly files: { name: string; error: string }[]) {
    super(`${files.length} file(s) rejected; nothing was stored:\n${files.map((f) => `  ${f.name}: ${f.error}`).join("\n")}`);
  }
}

/** How long the command line waits for a worker that holds the lease (another run in progress). */
const LEASE_WAIT_MS = 30 * 60_000;

export async function runAndSave(paths: string[], opts: { fresh?: boolean; dir?: string } = {}): Promise<CliRun> {
  const files = listSourcePaths(paths); // a mistyped path is an input error, not a failed run
  const checked = files.map((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new SourceError(`Cannot read "${path}": ${(e as Error).message}`);
    }
    return { name: basename(path), bytes, check: validateUpload(basename(path), bytes.length, bytes, Number.POSITIVE_INFINITY) };
  });
  const rejected = checked.flatMap((c) => (c.check.ok ? [] : [{ name: c.check.name, error: c.check.error }]));
  if (rejected.length > 0) throw new RejectedFiles(rejected);
  migrateDatabase();
  const dir = opts.dir ?? dataDir();
  // As an upload does: files and run in one transaction that waits out a run's save.
  const { stored, runId } = await writeWhenFree((db) => {
    if (opts.fresh) removeAllPartitions(db);
    const stored = checked.map((c) => ({ name: c.name, status: storePartition(db, c.name, c.bytes, dir, "cli").status }));
    const runId = enqueueRun(db, "cli");
    for (const s of stored) if (s.status !== "unchanged") recordAudit(db, COMMAND_LINE, s.status === "replaced" ? "replace" : "upload", s.name, `run #${runId}`);
    if (!stored.some((s) => s.status !== "unchanged")) recordAudit(db, COMMAND_LINE, "rerun", `run #${runId}`);
    return { stored, runId };
  });
  const db = openSqlite();
  try {
    let result: PipelineResult | null = null;
    let meta: RunMeta | null = null;
    drainQueue(db, dir, {
      waitMs: LEASE_WAIT_MS,
      onResult: (id, r, m) => {
        if (id === runId) [result, meta] = [r, m];
      },
    });
    const run = db.prepare(`SELECT "status", "error" FROM "Run" WHERE "id" = ?`).get(runId) as { status: string; error: string | null };
    return { runId, status: run.status, error: run.error, stored, result, meta };
  } finally {
    db.close();
  }
}

