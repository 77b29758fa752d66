/** Reads event export files (and folders of them) from disk into pipeline sources. */
import { readdirSync, readFileSync, statSync } from "node:fs";
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
