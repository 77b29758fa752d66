"use server";
// Server actions of the Runs & upload page. Each one that changes data checks the analyst session first.
import { revalidatePath } from "next/cache";
import { DatabaseBusy, writeWhenFree } from "@/lib/db/sqlite";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, signIn, signOut, NotAllowed, type SessionUser } from "@/lib/auth/session";
import { enqueueRun } from "@/lib/runs/queue";
import { kickWorker } from "@/lib/runs/worker";
import { removePartition, storePartition, type StoreStatus } from "@/lib/uploads/store";
import { validateUpload } from "@/lib/uploads/validate-upload";

export type ActionResult = { ok: true; message: string; files?: { name: string; status: StoreStatus }[]; runId?: number } | { ok: false; error: string; files?: { name: string; error: string }[] };

async function guarded(fn: (user: SessionUser) => Promise<ActionResult>): Promise<ActionResult> {
  try {
    const user = await requireRole("analyst");
    return await fn(user);
  } catch (e) {
    if (e instanceof NotAllowed || e instanceof DatabaseBusy) return { ok: false, error: e.message };
    return { ok: false, error: `Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.` };
  }
}

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const r = await signIn(String(form.get("account") ?? ""), String(form.get("password") ?? ""));
  if (!r.ok) return r;
  revalidatePath("/", "layout");
  return { ok: true, message: `Signed in as ${r.user.name} (${r.user.role}).` };
}

export async function signOutAction(): Promise<void> {
  await signOut();
  revalidatePath("/", "layout");
}

/** Validates every file first: if one is rejected, none is stored. Accepted files start one run. */
export async function uploadAction(form: FormData): Promise<ActionResult> {
  return guarded(async (user) => {
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
    // The files and their run land together (one transaction), waiting out a run's save.
    const { stored, runId } = await writeWhenFree((db) => {
      const stored = checked.map((c) => ({ name: c.file.name, status: storePartition(db, c.file.name, c.bytes!).status }));
      const runId = stored.some((s) => s.status !== "unchanged") ? enqueueRun(db, "upload") : null;
      for (const s of stored) if (s.status !== "unchanged") recordAudit(db, user.name, s.status === "replaced" ? "replace" : "upload", s.name, `run #${runId}`);
      return { stored, runId };
    });
    const changed = stored.filter((s) => s.status !== "unchanged").length;
    if (runId === null) return { ok: true, message: "These files are already in the data set: nothing changed, no new run.", files: stored };
    kickWorker();
    revalidatePath("/runs");
    return { ok: true, message: `${changed} file(s) added or replaced; run #${runId} started.`, files: stored, runId };
  });
}

export async function removePartitionAction(id: number): Promise<ActionResult> {
  return guarded(async (user) => {
    const { removed, runId } = await writeWhenFree((db) => {
      const removed = removePartition(db, id);
      const runId = removed ? enqueueRun(db, "rerun") : null;
      if (removed) recordAudit(db, user.name, "remove", removed.name, `run #${runId}`);
      return { removed, runId };
    });
    if (!removed || runId === null) return { ok: false, error: "That file is no longer in the data set." };
    kickWorker();
    revalidatePath("/runs");
    return { ok: true, message: `Removed ${removed.name}; run #${runId} started.`, runId };
  });
}

export async function rerunAction(): Promise<ActionResult> {
  return guarded(async (user) => {
    const runId = await writeWhenFree((db) => {
      const runId = enqueueRun(db, "rerun");
      recordAudit(db, user.name, "rerun", `run #${runId}`);
      return runId;
    });
    kickWorker();
    revalidatePath("/runs");
    return { ok: true, message: `Run #${runId} queued.`, runId };
  });
}
