/**
 * The loaded events, stored in chunks: `EventChunk` holds up to CHUNK_ROWS events per row, in
 * event id order, each chunk its columns encoded compactly and gzipped (level 1). Nothing reads
 * events but exports and tests, and they read them in event id order, whole: one SQLite row per
 * event (an 18-column row plus an index entry, ~305 bytes per event) cost most of the save and of
 * the database. This module is the only one that knows the encoding: `insertEventChunks` writes a
 * run's events (the save), `eventRows` reads them back as the values the former `Event` table's
 * export SQL returned, row after row, one chunk in memory at a time.
 *
 * Encoding of a chunk (before gzip): a little-endian u32 with the byte length of a JSON header,
 * the header, then each column's array, in the header's order. Columns:
 * - `dict`: text (or null). The chunk's distinct values in order of first appearance, in the
 *   header; per row an index (0 = null, k = the k-th value) as u8, u16 or u32 by dictionary size.
 *   A session id that is its row's client id, ":" and more is kept as [the client id's index, more].
 *   Values are made well-formed UTF-16 (a lone surrogate becomes three U+FFFD, as through SQLite).
 * - `d32`: integers, none null, each step from the previous fitting an i32: the first value in
 *   the header, then the i32 differences (event ids, lines and millisecond times: nearly constant).
 * - `f64`: any other numbers, NaN for null (a NaN or ±Infinity was stored as NULL before too), -0 as 0.
 * The bytes depend only on the events, so the same input gives the same chunks.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { ColumnTable } from "arquero";
import { col } from "@/lib/pipeline/table";
import { normalizeValue, type Sqlite } from "./sqlite";

/** Events per chunk: large enough for dictionaries and gzip to pay, small enough to decode one at a time. */
export const CHUNK_ROWS = 1 << 15;

type Kind = "text" | "int" | "real";

/** The stored columns: name (as the former Event table had it), the events table's column, kind, and whether a value is required (NOT NULL). */
const COLUMNS: readonly { name: string; source: string; kind: Kind; required: boolean; prefix?: string }[] = [
  { name: "eventId", source: "event_id", kind: "int", required: true },
  { name: "file", source: "file", kind: "text", required: true },
  { name: "line", source: "line", kind: "int", required: true },
  { name: "clientId", source: "client_id", kind: "text", required: false },
  // A session id is its client id, ":" and its start time: stored as the client id's place in that column's dictionary and the rest.
  { name: "sessionId", source: "session_id", kind: "text", required: false, prefix: "clientId" },
  { name: "tsMs", source: "ts", kind: "real", required: true },
  { name: "eventDate", source: "event_date", kind: "text", required: true },
  { name: "eventName", source: "event_name", kind: "text", required: true },
  { name: "pageUrl", source: "page_url", kind: "text", required: false },
  { name: "pagePath", source: "page_path", kind: "text", required: false },
  { name: "referrer", source: "referrer", kind: "text", required: false },
  { name: "referrerDomain", source: "referrer_domain", kind: "text", required: false },
  { name: "deviceType", source: "device_type", kind: "text", required: true },
  { name: "os", source: "os", kind: "text", required: true },
  { name: "browser", source: "browser", kind: "text", required: true },
  { name: "transactionId", source: "transaction_id", kind: "text", required: false },
  { name: "revenue", source: "revenue", kind: "real", required: false },
  { name: "itemsJson", source: "items", kind: "text", required: false },
];
const TS = COLUMNS.findIndex((c) => c.name === "tsMs");

/** A required value is missing: `row` is the event's row in the events table. */
export class EventValueError extends Error {
  override name = "EventValueError";
  constructor(readonly row: number, column: string) {
    super(`NOT NULL constraint failed: Event.${column}`);
  }
}

/** A dictionary entry: the text, or [k, rest] for the k-th value of the prefix column's dictionary, ":" and rest. */
type Entry = string | [number, string];

type Encoded =
  | { name: string; enc: "dict"; values: Entry[]; width: 1 | 2 | 4 }
  | { name: string; enc: "d32"; first: number }
  | { name: string; enc: "f64" };

/** A text value as SQLite stored it: the write path's value (normalizeValue), as text. */
function textValue(v: unknown): string | null {
  const n = normalizeValue(v);
  return n === null ? null : String(n);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as SQLite gave it back: better-sqlite3 writes a lone surrogate as its three UTF-8-like
 * bytes, which read back as three U+FFFD (the input files are decoded UTF-8, so this is for odd values only).
 */
function wellFormed(text: string): string {
  const s = text as string & { isWellFormed(): boolean };
  return s.isWellFormed() ? text : text.replace(LONE_SURROGATE, "\uFFFD\uFFFD\uFFFD");
}

/** A number as SQLite stored it (NaN = NULL): the write path's value (normalizeValue), text read as a number. */
function numberValue(v: unknown): number {
  const n = normalizeValue(v);
  if (n === null) return NaN;
  const x = typeof n === "number" ? n : Number(v);
  return Number.isFinite(x) ? x : NaN;
}

/** A text column's dictionary and per-row ids, for a later column that uses it as a prefix. */
interface TextIds {
  ids: Uint32Array;
  values: string[];
}

function encodeColumn(name: string, kind: Kind, required: boolean, source: ArrayLike<unknown>, order: ArrayLike<number>, from: number, to: number, parts: Buffer[], texts: Map<string, TextIds>, prefix?: string): Encoded {
  const n = to - from;
  if (kind === "text") {
    const index = new Map<string, number>();
    const values: Entry[] = [];
    const plain: string[] = [];
    const ids = new Uint32Array(n);
    const before = prefix ? texts.get(prefix) : undefined;
    let last: string | null = null;
    let lastId = 0;
    for (let k = 0; k < n; k++) {
      const row = order[from + k]!;
      const v = source[row];
      const text = typeof v === "string" ? v : textValue(v);
      if (text === null) {
        if (required) throw new EventValueError(row, name);
        continue; // 0 = null
      }
      if (text === last) {
        ids[k] = lastId; // runs of one value (a file, a day, a client's events) skip the lookup
        continue;
      }
      let id = index.get(text);
      if (id === undefined) {
        const value = wellFormed(text);
        const p = before && before.ids[k]! > 0 ? before.values[before.ids[k]! - 1]! : null;
        values.push(p !== null && value.length > p.length && value.startsWith(p) && value.charCodeAt(p.length) === 58 ? [before!.ids[k]!, value.slice(p.length + 1)] : value);
        plain.push(value);
        id = values.length;
        index.set(text, id);
      }
      ids[k] = id;
      last = text;
      lastId = id;
    }
    texts.set(name, { ids, values: plain });
    const width = values.length < 0xff ? 1 : values.length < 0xffff ? 2 : 4;
    const out = width === 1 ? new Uint8Array(n) : width === 2 ? new Uint16Array(n) : ids;
    if (out !== ids) out.set(ids); // (TypedArray.from walks an iterator: several times slower)
    parts.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
    return { name, enc: "dict", values, width };
  }
  const numbers = new Float64Array(n);
  let deltas = n > 0;
  for (let k = 0; k < n; k++) {
    const row = order[from + k]!;
    const v = source[row];
    const x = typeof v === "number" ? (v - v === 0 ? v : NaN) : numberValue(v);
    if (x !== x && required) throw new EventValueError(row, name);
    numbers[k] = x === 0 ? 0 : x; // -0 too: SQLite keeps an integral REAL as an integer
    if (deltas && !(Number.isInteger(x) && Math.abs(x) <= 2 ** 52)) deltas = false;
    if (deltas && k > 0) {
      const d = x - numbers[k - 1]!;
      if (d !== (d | 0)) deltas = false;
    }
  }
  if (deltas) {
    const steps = new Int32Array(n);
    for (let k = 1; k < n; k++) steps[k] = numbers[k]! - numbers[k - 1]!;
    parts.push(Buffer.from(steps.buffer));
    return { name, enc: "d32", first: numbers[0]! };
  }
  parts.push(Buffer.from(numbers.buffer));
  return { name, enc: "f64" };
}

/** One chunk's bytes: the rows order[from..to) of the events table, encoded and gzipped. */
export function encodeEventChunk(events: ColumnTable, order: ArrayLike<number>, from: number, to: number): Buffer {
  const parts: Buffer[] = [];
  const texts = new Map<string, TextIds>();
  const columns = COLUMNS.map((c) => encodeColumn(c.name, c.kind, c.required, col<unknown>(events, c.source), order, from, to, parts, texts, c.prefix));
  const header = Buffer.from(JSON.stringify({ v: 1, rows: to - from, columns }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return gzipSync(Buffer.concat([length, header, ...parts]), { level: 1 });
}

/** The events table's rows in event id order (indexes into the table). */
function eventOrder(events: ColumnTable): ArrayLike<number> {
  const ids = col<number>(events, "event_id");
  const n = events.numRows();
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && !(ids[i - 1]! <= ids[i]!)) sorted = false;
  }
  if (sorted) return order;
  return Array.from(order).sort((a, b) => ids[a]! - ids[b]! || a - b);
}

/**
 * Writes a run's events as chunks of CHUNK_ROWS in event id order (the save; inside its
 * transaction). A missing required value throws `EventValueError` naming the table row.
 */
export function insertEventChunks(db: Sqlite, runId: number, events: ColumnTable): void {
  const n = events.numRows();
  if (n === 0) return;
  const order = eventOrder(events);
  const ids = col<number>(events, "event_id");
  const insert = db.prepare(`INSERT INTO "EventChunk" ("runId", "seq", "firstEventId", "rows", "data") VALUES (?, ?, ?, ?, ?)`);
  for (let from = 0, seq = 0; from < n; from += CHUNK_ROWS, seq++) {
    const to = Math.min(n, from + CHUNK_ROWS);
    insert.run(runId, seq, ids[order[from]!]!, to - from, encodeEventChunk(events, order, from, to));
  }
}

/** A decoded chunk: its columns, in COLUMNS order. */
interface Decoded {
  rows: number;
  columns: ((k: number) => string | number | null)[];
}

export function decodeEventChunk(data: Uint8Array): Decoded {
  const bytes = gunzipSync(data);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)) as { v: number; rows: number; columns: Encoded[] };
  if (header.v !== 1) throw new Error(`Unknown event chunk version ${header.v}.`);
  const n = header.rows;
  let at = 4 + headerLength;
  /** A copy of the next `length` bytes (aligned for a typed array). */
  const take = (length: number) => {
    const copy = new Uint8Array(length);
    copy.set(bytes.subarray(at, at + length));
    at += length;
    return copy.buffer;
  };
  const texts = new Map<string, string[]>();
  const columns = header.columns.map((c, i): Decoded["columns"][number] => {
    if (c.name !== COLUMNS[i]!.name) throw new Error(`Event chunk column ${i} is ${c.name}, expected ${COLUMNS[i]!.name}.`);
    if (c.enc === "dict") {
      const ids = c.width === 1 ? new Uint8Array(take(n)) : c.width === 2 ? new Uint16Array(take(n * 2)) : new Uint32Array(take(n * 4));
      const prefixes = COLUMNS[i]!.prefix ? texts.get(COLUMNS[i]!.prefix!)! : [];
      const values = c.values.map((v) => (typeof v === "string" ? v : `${prefixes[v[0] - 1]}:${v[1]}`));
      texts.set(c.name, values);
      return (k) => (ids[k] === 0 ? null : values[ids[k]! - 1]!);
    }
    if (c.enc === "d32") {
      const steps = new Int32Array(take(n * 4));
      const numbers = new Float64Array(n);
      let x = c.first;
      for (let k = 0; k < n; k++) numbers[k] = x += steps[k]!;
      return (k) => numbers[k]!;
    }
    const numbers = new Float64Array(take(n * 8));
    return (k) => (numbers[k]! !== numbers[k]! ? null : numbers[k]!);
  });
  return { rows: n, columns };
}

const JULIAN_EPOCH_MS = 210866760000000;
/** 0000-01-01 and 10000-01-01 in ms since 1970: the years SQLite's strftime('%Y') and toISOString write alike. */
const YEAR_0_MS = -62167219200000;
const YEAR_10000_MS = 253402300800000;

/**
 * `strftime('%Y-%m-%dT%H:%M:%fZ', tsMs / 1000.0, 'unixepoch')` as SQLite computes it: seconds
 * times 1000 plus the Julian epoch, rounded half up to a whole millisecond, printed with
 * milliseconds. Years 0-9999 (the pipeline accepts 2000-2099) are formatted here; any other
 * value is asked of SQLite itself.
 */
export function eventTimestamp(tsMs: number, db: Sqlite): string | null {
  const julianMs = Math.floor((tsMs / 1000) * 1000 + JULIAN_EPOCH_MS + 0.5);
  const ms = julianMs - JULIAN_EPOCH_MS;
  if (ms >= YEAR_0_MS && ms < YEAR_10000_MS) return new Date(ms).toISOString();
  return db.prepare(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0, 'unixepoch')`).pluck().get(tsMs) as string | null;
}

/** How many events the run stored. */
export function countEvents(db: Sqlite, runId: number): number {
  return (db.prepare(`SELECT COALESCE(SUM("rows"), 0) AS n FROM "EventChunk" WHERE "runId" = ?`).get(runId) as { n: number }).n;
}

/**
 * The run's events in event id order, each as the `events` export's values: event_id, file, line,
 * client_id, session_id, timestamp (UTC text), event_date, event_name, page_url, page_path,
 * referrer, referrer_domain, device_type, os, browser, transaction_id, revenue, items_json.
 * Chunks are read one at a time (no statement stays open between rows, so the caller may close
 * the handle whenever it stops).
 */
export function* eventRows(db: Sqlite, runId: number, limit?: number): Generator<(string | number | null)[], void, undefined> {
  const chunks = db.prepare(`SELECT "id" FROM "EventChunk" WHERE "runId" = ? ORDER BY "seq"`).pluck().all(runId) as number[];
  const read = db.prepare(`SELECT "data" FROM "EventChunk" WHERE "id" = ?`).pluck();
  let left = limit ?? Infinity;
  for (const id of chunks) {
    if (left <= 0) return;
    const { rows, columns } = decodeEventChunk(read.get(id) as Buffer);
    const width = columns.length;
    for (let k = 0; k < rows && left > 0; k++, left--) {
      const row = new Array<string | number | null>(width);
      for (let c = 0; c < width; c++) row[c] = columns[c]!(k);
      row[TS] = eventTimestamp(row[TS] as number, db);
      yield row;
    }
  }
}

/** The stored columns' names, in the order `eventRows` gives their values (tsMs as the timestamp). */
export const EVENT_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);
