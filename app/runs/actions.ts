"use server";
// Server actions of the Runs & upload page. Each one that changes data checks the analyst session first.
import { revalidatePath } from "next/cache";
import { openSqlite, SAVE_BUSY_TIMEOUT_MS } from "@/lib/db/sqlite";
import { requireAnalyst, signIn, signOut, NotSignedIn } from "@/lib/auth/session";
import { enqueueRun } from "@/lib/runs/queue";
import { kickWorker } from "@/lib/runs/worker";
import { removePartition, storePartition, type StoreStatus } from "@/lib/uploads/store";
import { validateUpload } from "@/lib/uploads/validate-upload";

export type ActionResult = { ok: true; message: string; files?: { name: string; status: StoreStatus }[]; runId?: number } | { ok: false; error: string; files?: { name: string; error: string }[] };

async function guarded(fn: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    await requireAnalyst();
    return await fn();
  } catch (e) {
    if (e instanceof NotSignedIn) return { ok: false, error: e.message };
    return { ok: false, error: `Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.` };
  }
}

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const r = await signIn(String(form.get("password") ?? ""));
  if (!r.ok) return r;
  revalidatePath("/runs");
  return { ok: true, message: "Signed in." };
}

export async function signOutAction(): Promise<void> {
  await signOut();
  revalidatePath("/runs");
}

/** Validates every file first: if one is rejected, none is stored. Accepted files start one run. */
export async function uploadAction(form: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
    if (files.length === 0) return { ok: false, error: "Choose one or more .csv or .csv.gz files first." };
    const checked = await Promise.all(
      files.map(async (f) => {
        const bytes = f.size > 0 && f.size <= 1024 * 1024 * 1024 ? Buffer.from(await f.arrayBuffer()) : null;
        return { file: f, bytes, check: validateUpload(f.name, f.size, bytes) };
      }),
    );
    const rejected = checked.filter((c) => !c.check.ok).map((c) => ({ name: c.check.name, error: c.check.ok ? "" : c.check.error }));
    if (rejected.length > 0) return { ok: false, error: `${rejected.length} of ${files.length} files were rejected; nothing was uploaded.`, files: rejected };
    const db = openSqlite(undefined, { busyTimeoutMs: SAVE_BUSY_TIMEOUT_MS }); // waits out a run's save instead of "database is locked"
    try {
      const stored = db.transaction(() => checked.map((c) => ({ name: c.file.name, status: storePartition(db, c.file.name, c.bytes!).status }))).immediate();
      const changed = stored.filter((s) => s.status !== "unchanged").length;
      if (changed === 0) return { ok: true, message: "These files are already in the data set: nothing changed, no new run.", files: stored };
      const runId = db.transaction(() => enqueueRun(db, "upload")).immediate();
      kickWorker();
      revalidatePath("/runs");
      return { ok: true, message: `${changed} file(s) added or replaced; run #${runId} started.`, files: stored, runId };
    } finally {
      db.close();
    }
  });
}

export async function removePartitionAction(id: number): Promise<ActionResult> {
  return guarded(async () => {
    const db = openSqlite(undefined, { busyTimeoutMs: SAVE_BUSY_TIMEOUT_MS }); // waits out a run's save instead of "database is locked"
    try {
      const removed = db.transaction(() => removePartition(db, id)).immediate();
      if (!removed) return { ok: false, error: "That file is no longer in the data set." };
      const runId = db.transaction(() => enqueueRun(db, "rerun")).immediate();
      kickWorker();
      revalidatePath("/runs");
      return { ok: true, message: `Removed ${removed.name}; run #${runId} started.`, runId };
    } finally {
      db.close();
    }
  });
}

export async function rerunAction(): Promise<ActionResult> {
  return guarded(async () => {
    const db = openSqlite(undefined, { busyTimeoutMs: SAVE_BUSY_TIMEOUT_MS }); // waits out a run's save instead of "database is locked"
    try {
      const runId = db.transaction(() => enqueueRun(db, "rerun")).immediate();
      kickWorker();
      revalidatePath("/runs");
      return { ok: true, message: `Run #${runId} queued.`, runId };
    } finally {
      db.close();
    }
  });
}
