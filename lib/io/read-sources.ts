/** Reads event export files (and folders of them) from disk into pipeline sources. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { basename, join } from "node:path";
import type { SourceFile } from "@/lib/pipeline";

const EXPORT_FILE = /\.csv(\.gz)?$/i;

export class SourceError extends Error {
  override name = "SourceError";
}

/** Expands folders to their `.csv` / `.csv.gz` files (sorted by name); files are taken as given. */
export function listSourcePaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new SourceError(`Cannot read "${p}": no such file or folder.`);
    }
    if (st.isDirectory()) {
      const found = readdirSync(p)
        .filter((f) => EXPORT_FILE.test(f))
        .sort()
        .map((f) => join(p, f));
      if (found.length === 0) throw new SourceError(`Folder "${p}" holds no .csv or .csv.gz files.`);
      out.push(...found);
    } else out.push(p);
  }
  const names = out.map((p) => basename(p));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new SourceError(`Two inputs share the file name "${dup}"; file names identify partitions, so each must be unique.`);
  return out;
}

export function readSources(paths: string[]): SourceFile[] {
  return listSourcePaths(paths).map((p) => {
    try {
      return { name: basename(p), content: readFileSync(p) };
    } catch (e) {
      throw new SourceError(`Cannot read "${p}": ${(e as Error).message}`);
    }
  });
}

/**
 * Reading and decoding a file happen off the main thread: a worker reads it, gunzips it when it
 * starts with the gzip magic number and decodes UTF-8 (as `decodeContent` in the pipeline does),
 * then hands back the text. Copying a decoded string to the main thread is one memcpy, so two
 * workers read and decode two files at once and the file bytes never sit in the main process.
 */
const DECODE_WORKER = `
const { parentPort } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { gunzipSync } = require("node:zlib");
parentPort.on("message", ({ index, path }) => {
  try {
    const bytes = readFileSync(path);
    const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    parentPort.postMessage({ index, text: raw.toString("utf8"), bytes: bytes.length });
  } catch (e) {
    parentPort.postMessage({ index, error: e instanceof Error ? e.message : String(e) });
  }
});`;

/** The same files as `readSources`, read and decoded by up to two worker threads (the text arrives decoded). */
export async function readSourcesParallel(paths: string[]): Promise<SourceFile[]> {
  const files = listSourcePaths(paths);
  const out = new Array<SourceFile>(files.length);
  const workers = Array.from({ length: Math.min(files.length, Math.max(1, Math.min(2, availableParallelism()))) }, () => new Worker(DECODE_WORKER, { eval: true }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= files.length) return resolve();
              const index = next++;
              worker.postMessage({ index, path: files[index] });
            };
            worker.on("message", (m: { index: number; text?: string; bytes?: number; error?: string }) => {
              if (m.error !== undefined) return reject(new SourceError(`Cannot read "${files[m.index]}": ${m.error}`));
              out[m.index] = { name: basename(files[m.index]!), content: m.text!, bytes: m.bytes };
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
