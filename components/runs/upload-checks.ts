/**
 * The checks the browser can make before sending a file (name, extension, size); the server
 * repeats them and also reads the content (lib/uploads/validate-upload.ts). Pure, no Node imports.
 */
import { formatBytes } from "./format-run";

const EXTENSION = /\.csv(\.gz)?$/i;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.csv(\.gz)?$/i;

/** A sentence saying why the file cannot be uploaded, or null when it may be sent. */
export function precheckFile(file: { name: string; size: number }, maxBytes: number): string | null {
  if (!EXTENSION.test(file.name)) return "Only event exports ending in .csv or .csv.gz can be uploaded.";
  if (!SAFE_NAME.test(file.name)) return "The file name may use only letters, digits, dots, dashes and underscores; rename it, e.g. events_20250304.csv.";
  if (file.size > maxBytes) return `The file is ${formatBytes(file.size)}; the upload limit is ${formatBytes(maxBytes)}. Split it into daily files, or gzip it (.csv.gz).`;
  if (file.size === 0) return "The file is empty.";
  return null;
}

/** Adds newly chosen files to a selection; a file with the same name replaces the earlier one. */
export function mergeSelection<T extends { name: string }>(current: T[], added: T[]): T[] {
  const byName = new Map(current.map((f) => [f.name, f]));
  for (const f of added) byName.set(f.name, f);
  return [...byName.values()];
}
