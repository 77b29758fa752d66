// Upload of new days: POST /api/uploads, multipart/form-data with one part per file (field name
// files), streamed to temporary files (lib/uploads/receive.ts) instead of a server action's body.
// Every file is checked first (its raw name, its size, then the upload rules); if one is refused,
// none is stored and the answer lists every refused file. Otherwise all are stored and one run is
// queued in one transaction. Answers JSON shaped like the page's ActionResult.
import { readFileSync, rmSync } from "node:fs";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/auth/audit";
import { routeUser } from "@/lib/auth/session";
import { DatabaseBusy, writeWhenFree } from "@/lib/db/sqlite";
import { enqueueRun } from "@/lib/runs/queue";
import { kickWorker } from "@/lib/runs/worker";
import { MAX_UPLOAD_FILES, receiveUpload, uploadTmpDir, type ReceivedFile } from "@/lib/uploads/receive";
import { dataDir, storePartitionFile, type StoreStatus } from "@/lib/uploads/store";
import { maxUploadBytes, validateUpload } from "@/lib/uploads/validate-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export type UploadResponse =
  | { ok: true; message: string; files: { name: string; status: StoreStatus }[]; runId?: number }
  | { ok: false; error: string; files?: { name: string; error: string }[] };

const answer = (body: UploadResponse, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const refusals = (files: ReceivedFile[]) => files.flatMap((f) => (f.refusal ? [{ name: f.refusal.name, error: f.refusal.error }] : []));
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function POST(request: Request): Promise<Response> {
  const { user, refused } = await routeUser("analyst");
  if (refused) return refused;
  const limit = maxUploadBytes();
  let tmpDir: string | null = null;
  try {
    tmpDir = uploadTmpDir(dataDir());
    const received = await receiveUpload(request.body, request.headers.get("content-type"), { limit, tmpDir });
    if (!received.ok) return answer({ ok: false, error: received.error, files: refusals(received.files) }, received.serverError ? 500 : 400);
    const files = received.files;
    if (received.tooManyFiles) {
      return answer({ ok: false, error: `At most ${MAX_UPLOAD_FILES} files can be uploaded at once; send the others in another upload. Nothing was uploaded.`, files: refusals(files) }, 413);
    }
    if (files.length === 0) return answer({ ok: false, error: "Choose one or more .csv or .csv.gz files first." }, 400);

    // The upload rules, one file in memory at a time (each is within the limit), letting other requests in between.
    for (const f of files) {
      if (f.refusal || !f.path) continue;
      const check = validateUpload(f.raw, f.bytes, f.bytes > 0 ? readFileSync(f.path) : null, limit);
      if (!check.ok) f.refusal = { name: check.name, error: check.error };
      await nextTick();
    }
    const rejected = refusals(files);
    if (rejected.length > 0) {
      const onlySize = files.every((f) => !f.refusal || f.refusal.tooLarge);
      return answer({ ok: false, error: `${rejected.length} of ${files.length} files were rejected; nothing was uploaded.`, files: rejected }, onlySize ? 413 : 400);
    }

    // The files, their run and the audit entries land together (one transaction), waiting out a run's save.
    const actor = user?.name ?? "unknown";
    const { stored, runId } = await writeWhenFree((db) => {
      const stored = files.map((f) => ({ name: f.raw, status: storePartitionFile(db, f.raw, { path: f.path!, hash: f.hash!, bytes: f.bytes }).status }));
      const runId = stored.some((s) => s.status !== "unchanged") ? enqueueRun(db, "upload") : null;
      for (const s of stored) if (s.status !== "unchanged") recordAudit(db, actor, s.status === "replaced" ? "replace" : "upload", s.name, `run #${runId}`);
      return { stored, runId };
    });
    if (runId === null) return answer({ ok: true, message: "These files are already in the data set: nothing changed, no new run.", files: stored });
    kickWorker();
    revalidatePath("/runs");
    const changed = stored.filter((s) => s.status !== "unchanged").length;
    return answer({ ok: true, message: `${changed} file(s) added or replaced; run #${runId} started.`, files: stored, runId });
  } catch (e) {
    if (e instanceof DatabaseBusy) return answer({ ok: false, error: e.message }, 503);
    console.error("Upload failed:", e);
    return answer({ ok: false, error: `Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was uploaded.` }, 500);
  } finally {
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  }
}
