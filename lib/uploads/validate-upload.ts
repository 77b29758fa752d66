/**
 * Checks an uploaded file before it is accepted into the data set: a safe name, a size limit,
 * not empty, not binary, a readable gzip when gzipped, an event export header, and no quote
 * that never closes. Every rejection is a sentence a user can act on.
 */
import { gunzipSync } from "node:zlib";
import { parseCsv } from "@/lib/pipeline/csv";
import { canonicalHeader } from "@/lib/pipeline/ingest";
import { CANONICAL_COLUMNS } from "@/lib/pipeline/types";

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.csv(\.gz)?$/i;

export type UploadCheck = { ok: true; name: string; rows: number } | { ok: false; name: string; error: string };

export function maxUploadBytes(): number {
  const fromEnv = Number(process.env.MAX_UPLOAD_MB);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv * 1024 * 1024 : DEFAULT_MAX_UPLOAD_BYTES;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;

export function validateUpload(name: string, size: number, bytes: Buffer | null, limit = maxUploadBytes()): UploadCheck {
  const shown = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  const fail = (error: string): UploadCheck => ({ ok: false, name: shown, error });
  if (/[\\/]|\.\./.test(name) || /[\u0000-\u001f]/.test(name)) return fail("The file name contains path characters; upload the file under its plain name, e.g. events_20250304.csv.");
  if (!SAFE_NAME.test(name)) return fail("The file name must end in .csv or .csv.gz and use only letters, digits, dots, dashes and underscores.");
  if (size > limit) return fail(`The file is ${mb(size)}; the upload limit is ${mb(limit)}. Split it into daily files, or gzip it (.csv.gz).`);
  if (size === 0 || !bytes || bytes.length === 0) return fail("The file is empty.");
  let data = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes);
    } catch {
      return fail("The file looks gzipped but cannot be decompressed.");
    }
  } else if (/\.gz$/i.test(name)) return fail("The file name ends in .gz but the file is not gzipped.");
  if (data.subarray(0, 8192).includes(0)) return fail("This is a binary file, not a CSV event export.");
  const text = data.toString("utf8");
  let header: string[] | null = null;
  let rows = 0;
  let broken: number | null = null;
  parseCsv(text, (fields, line, ok) => {
    if (header === null) header = fields;
    else rows++;
    if (!ok && broken === null) broken = line;
  });
  if (header === null) return fail("The file is empty.");
  const known = (header as string[]).map(canonicalHeader).filter((c) => c !== null);
  if (!known.includes("timestamp") || !known.includes("event_name") || known.length < 3) {
    return fail(`This is not an event export: its columns (${(header as string[]).slice(0, 6).join(", ").slice(0, 120)}) do not include ${CANONICAL_COLUMNS.join(", ")}.`);
  }
  if (broken !== null) return fail(`Broken CSV quoting: a quote opened on line ${broken} never closes, so the rest of the file cannot be read.`);
  if (rows === 0) return fail("The file has a header but no event rows.");
  return { ok: true, name, rows };
}
