/**
 * Ingest: raw daily export files → one columnar table of raw rows, each with its lineage
 * (file, line). Header aliases are resolved here (they are a property of the file); a column a
 * file lacks becomes explicit nulls. Rows whose field count does not match the header, or that
 * end inside an unterminated quote, are kept with `malformed = true` for the quality stage; so are
 * rows with a value that cannot be stored (a NUL character, or a field over 1 MiB, which the parser
 * keeps only as a preview), listed in `unstorable` with what is wrong.
 */
import { gunzipSync } from "node:zlib";
import { parseCsv, type OversizedField } from "./csv";
import { MAX_FIELD_BYTES, storableText } from "./limits";
import { CANONICAL_COLUMNS, type CanonicalColumn } from "./types";

export interface SourceFile {
  /** File name as shown to users, e.g. `events_20250304.csv`. */
  name: string;
  /** Raw bytes (gzip is detected by its magic number) or already decoded text. */
  content: Buffer | string;
  /** Size of the file as stored, when `content` is its decoded text (gzip files are smaller). */
  bytes?: number;
}

export interface FileInfo {
  name: string;
  /** Partition day from the file name (`events_YYYYMMDD`), or null when the name carries none. */
  day: string | null;
  /** Data rows (records after the header). */
  rows: number;
  /** The header as written in the file. */
  header: string[];
  /** `canonical`, or `aliased` when at least one column used an alias spelling. */
  headerVariant: "canonical" | "aliased";
  /** Alias → canonical name pairs found in the header. */
  aliases: { from: string; to: CanonicalColumn }[];
  missingColumns: CanonicalColumn[];
  /** Header columns that are not part of the export format (ignored). */
  extraColumns: string[];
  bytes: number;
}

/** Raw rows as columns: one entry per data row of every file, in file then line order. */
export interface RawRows {
  length: number;
  fileIndex: Int32Array;
  line: Int32Array;
  malformed: Uint8Array;
  /** Number of fields the row actually had. */
  fieldCount: Int32Array;
  columns: Record<CanonicalColumn, (string | null)[]>;
  /**
   * Rows with a value of an export column that cannot be stored, and why (column and value): a NUL
   * character (SQLite text ends there) or a field over MAX_FIELD_BYTES. Few rows: a sparse map.
   */
  unstorable: Map<number, string>;
}

export interface IngestResult {
  files: FileInfo[];
  rows: RawRows;
}

/** Known header spellings (compared after lower-casing and removing `_`, `-` and spaces). */
const HEADER_KEYS: Record<string, CanonicalColumn> = {
  clientid: "client_id",
  cid: "client_id",
  pageurl: "page_url",
  url: "page_url",
  referrer: "referrer",
  referer: "referrer",
  timestamp: "timestamp",
  eventtime: "timestamp",
  eventname: "event_name",
  event: "event_name",
  eventdata: "event_data",
  useragent: "user_agent",
};

export function canonicalHeader(name: string): CanonicalColumn | null {
  const key = name.trim().toLowerCase().replace(/[\s_-]/g, "");
  return HEADER_KEYS[key] ?? null;
}

const FILE_DAY = /(\d{4})(\d{2})(\d{2})/;

export function partitionDay(fileName: string): string | null {
  const m = FILE_DAY.exec(fileName);
  if (!m) return null;
  const [, y, mo, d] = m;
  const iso = `${y}-${mo}-${d}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso ? null : iso;
}

export function decodeContent(content: Buffer | string): string {
  if (typeof content === "string") return content;
  const bytes = content[0] === 0x1f && content[1] === 0x8b ? gunzipSync(content) : content;
  return bytes.toString("utf8");
}

export class IngestError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** Columns whose values repeat a lot (a few dozen event names, some thousands of user agents). */
const INTERNED = new Set<CanonicalColumn>(["event_name", "user_agent"]);
/** Distinct values kept per interned column (a file of random text must not grow the pool without bound). */
const MAX_INTERNED = 100_000;

/** Reads every file into one raw table. Throws IngestError for a file that is not an event export. */
export function ingest(sources: SourceFile[]): IngestResult {
  const files: FileInfo[] = [];
  const texts = sources.map((s) => decodeContent(s.content));
  // Rows never outnumber line ends + 1, so every column is allocated once at that size and cut to
  // the real row count at the end (no array growth while a million rows stream in).
  let capacity = 0;
  for (const text of texts) capacity += countLineEnds(text) + 1;
  const fileIndex = new Int32Array(capacity);
  const lines = new Int32Array(capacity);
  const malformed = new Uint8Array(capacity);
  const fieldCount = new Int32Array(capacity);
  const columns = Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, new Array<string | null>(capacity).fill(null)])) as Record<CanonicalColumn, (string | null)[]>;
  // The same arrays in canonical order: one indexed read per field instead of a keyed lookup.
  const columnList = CANONICAL_COLUMNS.map((c) => columns[c]);
  // Columns with few distinct values keep one string per value instead of one slice of the file
  // text per row: far fewer objects to keep (and for the collector to move), and the later parse
  // caches find each value's hash already computed.
  const interned = CANONICAL_COLUMNS.map((c) => (INTERNED.has(c) ? new Map<string, string>() : null));
  const unstorable = new Map<number, string>();
  let n = 0;

  sources.forEach((source, index) => {
    const text = texts[index]!;
    let header: string[] | null = null;
    let positions: (number | null)[] = [];
    let rowCount = 0;
    // One scan of the whole text: a file without a NUL character (every real export) skips the per-field check.
    const hasNul = text.includes("\u0000");
    parseCsv(text, (fields, line, ok, oversized) => {
      if (header === null) {
        header = fields;
        positions = mapHeader(fields, source.name);
        return;
      }
      rowCount++;
      fileIndex[n] = index;
      lines[n] = line;
      fieldCount[n] = fields.length;
      malformed[n] = !ok || fields.length !== header.length ? 1 : 0;
      for (let c = 0; c < columnList.length; c++) {
        const pos = positions[c];
        if (pos === null || pos === undefined) continue;
        const value = fields[pos];
        if (value === undefined) continue;
        const pool = interned[c];
        if (pool) {
          const known = pool.get(value);
          if (known !== undefined) columnList[c]![n] = known;
          else {
            if (pool.size < MAX_INTERNED) pool.set(value, value);
            columnList[c]![n] = value;
          }
        } else columnList[c]![n] = value;
      }
      if (hasNul || oversized !== null) {
        const why = unstorableValue(fields, positions, oversized);
        if (why !== null) unstorable.set(n, why);
      }
      n++;
    });
    if (header === null) throw new IngestError(`${source.name} is empty: no header row.`, source.name);
    const h: string[] = header;
    const aliases: FileInfo["aliases"] = [];
    const present = new Set<CanonicalColumn>();
    const extra: string[] = [];
    for (const name of h) {
      const canonical = canonicalHeader(name);
      if (!canonical) extra.push(name);
      else {
        present.add(canonical);
        if (name !== canonical) aliases.push({ from: name, to: canonical });
      }
    }
    files.push({
      name: source.name,
      day: partitionDay(source.name),
      rows: rowCount,
      header: h,
      headerVariant: aliases.length > 0 ? "aliased" : "canonical",
      aliases,
      missingColumns: CANONICAL_COLUMNS.filter((c) => !present.has(c)),
      extraColumns: extra,
      bytes: source.bytes ?? (typeof source.content === "string" ? Buffer.byteLength(source.content) : source.content.length),
    });
  });

  for (const column of columnList) column.length = n;
  return {
    files,
    rows: {
      length: n,
      fileIndex: fileIndex.slice(0, n),
      line: lines.slice(0, n),
      malformed: malformed.slice(0, n),
      fieldCount: fieldCount.slice(0, n),
      columns,
      unstorable,
    },
  };
}

/** The first export column of a record whose value cannot be stored, as `column: what is wrong` (null when none). */
function unstorableValue(fields: string[], positions: (number | null)[], oversized: OversizedField[] | null): string | null {
  for (let c = 0; c < positions.length; c++) {
    const pos = positions[c];
    if (pos === null || pos === undefined || pos >= fields.length) continue;
    const long = oversized?.find((o) => o.field === pos);
    if (long) return `${CANONICAL_COLUMNS[c]}: ${long.chars} characters, over the ${MAX_FIELD_BYTES / 1_048_576} MiB (UTF-8) field limit`;
    const value = fields[pos]!;
    if (value.includes("\u0000")) return `${CANONICAL_COLUMNS[c]}: contains a NUL character: ${storableText(value, 120)}`;
  }
  return null;
}

/** Line ends as the CSV parser counts them: LF, CRLF (once) and lone CR. */
function countLineEnds(text: string): number {
  let count = 0;
  for (let k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) count++;
  for (let k = text.indexOf("\r"); k !== -1; k = text.indexOf("\r", k + 1)) if (text.charCodeAt(k + 1) !== 10) count++;
  return count;
}

/** Columns an export must have for its rows to mean anything; without them the file is rejected. */
const REQUIRED: CanonicalColumn[] = ["timestamp", "event_name"];

/** Position of each canonical column in the file's header (null when missing). */
function mapHeader(header: string[], fileName: string): (number | null)[] {
  const positions: (number | null)[] = CANONICAL_COLUMNS.map(() => null);
  header.forEach((name, i) => {
    const canonical = canonicalHeader(name);
    if (canonical === null) return;
    const c = CANONICAL_COLUMNS.indexOf(canonical);
    if (positions[c] === null) positions[c] = i;
  });
  const known = positions.filter((p) => p !== null).length;
  const missingRequired = REQUIRED.filter((c) => positions[CANONICAL_COLUMNS.indexOf(c)] === null);
  if (known < 3 || missingRequired.length > 0) {
    throw new IngestError(
      `${fileName} is not an event export: its header (${header.slice(0, 8).join(", ")}) lacks ${
        missingRequired.length > 0 ? missingRequired.join(" and ") : "the export's columns"
      }. Expected ${CANONICAL_COLUMNS.join(", ")}.`,
      fileName,
    );
  }
  return positions;
}
