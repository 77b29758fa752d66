/** Reads event export files (and folders of them) from disk into pipeline sources. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { decodeContent, type SourceFile } from "@/lib/pipeline/ingest";

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
 * The same files as `readSources`, decoded to text (gzip detected by its magic number, as in the
 * pipeline's `decodeContent`). All files are read at once on libuv's thread pool while the main
 * thread decodes each as it arrives, so reading overlaps decoding; the file bytes are dropped
 * once decoded. (Decoding on worker threads was no faster: the text is copied back.)
 */
export async function readDecodedSources(paths: string[]): Promise<SourceFile[]> {
  const files = listSourcePaths(paths);
  const reads = files.map((p) =>
    readFile(p).catch((e: unknown) => {
      throw new SourceError(`Cannot read "${p}": ${(e as Error).message}`);
    }),
  );
  // Every read is awaited (a failure is reported once, with its path, after all have settled).
  reads.forEach((r) => r.catch(() => undefined));
  const out: SourceFile[] = [];
  for (let i = 0; i < files.length; i++) {
    const bytes = await reads[i]!;
    out.push({ name: basename(files[i]!), content: decodeContent(bytes), bytes: bytes.length });
  }
  return out;
}
