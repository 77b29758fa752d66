/**
 * Receives an upload's multipart/form-data body as a stream: each file part is name-checked as
 * the client sent it (upload-name.ts) before anything is written, then written to a temporary file
 * under DATA_DIR/tmp/uploads while a counter and a SHA-256 follow the bytes. A file past the size
 * limit stops being written at the limit (the rest of it is read and dropped, never held). Nothing
 * here touches the data set: the caller validates the received files and stores them or not,
 * then calls cleanup() (always).
 */
import busboy from "busboy";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Readable, Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MultipartNameRewriter, multipartBoundary } from "./multipart-names";
import { MAX_UPLOAD_FILES, refuseUploadName, shownName } from "./upload-name";

export { MAX_UPLOAD_FILES };

export interface ReceivedFile {
  /** The name exactly as sent. */
  raw: string;
  /** Set when the file is refused already (its name, or its size). */
  refusal?: { name: string; error: string; tooLarge?: boolean };
  /** The temporary file holding its bytes (not set for a refused name). */
  path?: string;
  bytes: number;
  hash?: string;
}

export type Received =
  | { ok: true; files: ReceivedFile[]; tooManyFiles: boolean }
  /** The body could not be read as multipart/form-data (bad request), or the server could not write it (`serverError`). */
  | { ok: false; error: string; files: ReceivedFile[]; serverError?: boolean };

export interface ReceiveOptions {
  /** Per-file limit in bytes. */
  limit: number;
  /** Folder for the temporary files of this upload (created; the caller removes it). */
  tmpDir: string;
  maxFiles?: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;

/** The temporary folder of one upload, under DATA_DIR/tmp/uploads; folders left there over a day by a crashed server are removed on the way. */
export function uploadTmpDir(dataDir: string, now = Date.now()): string {
  const root = join(/* turbopackIgnore: true */ dataDir, "tmp", "uploads");
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(root)) {
    try {
      const path = join(root, name);
      if (now - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Taken away by another request meanwhile.
    }
  }
  const dir = join(root, `${now}-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir);
  return dir;
}

export async function receiveUpload(body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | null, contentType: string | null, opts: ReceiveOptions): Promise<Received> {
  const boundary = multipartBoundary(contentType);
  if (!body || !boundary) return { ok: false, error: "Send the files as multipart/form-data (one part per file, field name files).", files: [] };
  const maxFiles = opts.maxFiles ?? MAX_UPLOAD_FILES;
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  let tooManyFiles = false;
  let mismatch: string | null = null;
  const consumed: boolean[] = [];
  let writeError: Error | null = null;

  const rewriter = new MultipartNameRewriter(boundary);
  let parser: ReturnType<typeof busboy>;
  try {
    parser = busboy({
      headers: { "content-type": contentType! },
      preservePath: true,
      defParamCharset: "utf8",
      limits: { fileSize: opts.limit + 1, files: maxFiles, fields: 50, parts: maxFiles + 50, headerPairs: 50 },
    });
  } catch (e) {
    return { ok: false, error: `The upload could not be read (${e instanceof Error ? e.message : String(e)}). Send the files as multipart/form-data.`, files: [] };
  }
  parser.on("filesLimit", () => (tooManyFiles = true));
  parser.on("file", (_field, stream, info) => {
    const raw = info.filename ?? "";
    const index = files.length;
    stream.on("error", () => undefined); // a malformed body or a client gone: the pipeline below reports it
    // The rewriter has read this part's headers before the parser did: it has seen this name, or the body is not what it seems.
    const seen = rewriter.fileNames.findIndex((name, i) => !consumed[i] && name === raw);
    if (seen < 0) mismatch ??= `file ${index + 1}'s name could not be read`;
    else consumed[seen] = true;
    const file: ReceivedFile = { raw, bytes: 0 };
    files.push(file);
    const refusal = refuseUploadName(raw);
    if (refusal) {
      file.refusal = refusal;
      stream.resume();
      return;
    }
    file.path = join(opts.tmpDir, `${index + 1}.upload`);
    const hash = createHash("sha256");
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        file.bytes += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // The parser stops passing bytes on one past the limit: that file is too large (one of exactly the limit is not).
    stream.once("limit", () => {
      file.refusal = {
        name: shownName(raw),
        error: `The file is larger than the upload limit of ${mb(opts.limit)}. Split it into daily files, or gzip it (.csv.gz).`,
        tooLarge: true,
      };
    });
    const out = createWriteStream(file.path);
    // A file that cannot be written (disk full...) ends the whole upload; the parser would wait for it forever otherwise.
    out.on("error", (e) => {
      writeError ??= e;
      parser.destroy(e);
    });
    // Its stream fails too when the body turns out malformed or the client goes away: the parser's error says so.
    writes.push(pipeline(stream, count, out).then(() => void (file.hash = hash.digest("hex")), () => undefined));
  });
  // Errors come through the pipeline below; one raised after it settled (a late write error) must not go unhandled.
  parser.on("error", () => undefined);
  rewriter.on("error", () => undefined);

  let readError: unknown = null;
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), rewriter, parser as Writable);
  } catch (e) {
    readError = e;
  }
  await Promise.allSettled(writes);
  if (writeError) return { ok: false, error: `The upload could not be saved on the server (${(writeError as Error).message}); nothing was uploaded.`, files, serverError: true };
  // Names the parser never reached (it stopped at a malformed part, past the file limit, or it took a part with an empty
  // name for a field) are judged too: a refusal says more than "malformed".
  const unread = rewriter.fileNames.filter((_, i) => !consumed[i]);
  for (const raw of unread) {
    const refusal = refuseUploadName(raw);
    if (refusal) files.push({ raw, refusal, bytes: 0 });
  }
  const lost = !tooManyFiles && unread.some((raw) => refuseUploadName(raw) === null);
  const problem = readError ? describe(readError) : (rewriter.problems[0] ?? mismatch ?? (lost ? "some file parts could not be read" : null));
  if (problem) {
    const badNames = files.some((f) => f.refusal && !f.refusal.tooLarge);
    return {
      ok: false,
      error: `The upload could not be read as multipart/form-data (${problem})${badNames ? ", and it holds file names that cannot be accepted" : ""}; nothing was uploaded.`,
      files: files.filter((f) => f.refusal),
    };
  }
  return { ok: true, files, tooManyFiles };
}

function describe(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/aborted|premature close|ECONNRESET/i.test(message)) return "the connection closed before the whole upload arrived";
  return message.replace(/^Multipart: /, "").toLowerCase();
}
