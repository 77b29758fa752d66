/**
 * Sends files to POST /api/uploads with XMLHttpRequest (fetch cannot report upload progress) and
 * reads the JSON answer. Browser-only; no React.
 */
import type { ActionResult } from "@/app/runs/actions";

export const UPLOAD_URL = "/api/uploads";

/** The route's JSON as the page's result; anything else (a proxy's error page, a lost connection) as a plain failure. */
export function readUploadAnswer(status: number, text: string): ActionResult {
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body && typeof body.ok === "boolean") return body as ActionResult;
    if (body && typeof body.error === "string") return { ok: false, error: body.error };
  } catch {
    // Not JSON: said below.
  }
  if (status === 413) return { ok: false, error: "The upload is larger than the server accepts (HTTP 413). Send fewer or smaller files at a time." };
  return { ok: false, error: `The upload failed (HTTP ${status}). Reload the page to see whether the files arrived.` };
}

export function postUpload(files: File[], onProgress: (sent: number, total: number) => void): Promise<ActionResult> {
  const form = new FormData();
  for (const f of files) form.append("files", f, f.name);
  const size = files.reduce((n, f) => n + f.size, 0);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", UPLOAD_URL);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable && e.total > 0 ? e.total : size);
    xhr.onload = () => resolve(readUploadAnswer(xhr.status, xhr.responseText));
    const lost = () => resolve({ ok: false, error: "The upload failed: the connection to the server was lost. Reload the page to see whether the files arrived." });
    xhr.onerror = lost;
    xhr.onabort = lost;
    xhr.ontimeout = lost;
    xhr.send(form);
  });
}
