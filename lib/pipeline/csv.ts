/**
 * RFC 4180 CSV parsing with lineage: quoted commas and newlines, doubled quotes (as in embedded
 * JSON), a UTF-8 BOM, CRLF or LF line ends, and a last line without a newline.
 *
 * `parseCsv` calls `onRecord(fields, line, ok, oversized)` once per record; `line` is the 1-based
 * physical line where the record starts, so every row keeps its place in the source file. `ok` is
 * false when the record ends inside an unterminated quote (the file's remainder is then that one
 * broken record). A field longer than `maxFieldBytes` (UTF-8; default 1 MiB) is not built: the
 * record gets its first FIELD_PREVIEW_CHARS characters and a `…[truncated: N characters]` marker,
 * and `oversized` lists such fields (null when there are none).
 *
 * The work is linear in the text: each field is cut out with one slice (one more copy only when it
 * has doubled quotes), and newlines inside quoted fields are counted with one forward scan.
 */
import { FIELD_PREVIEW_CHARS, MAX_FIELD_BYTES } from "./limits";

export interface OversizedField {
  /** Position of the field in the record. */
  field: number;
  /** Its length in characters, as unquoted. */
  chars: number;
}

export type RecordHandler = (fields: string[], line: number, ok: boolean, oversized: OversizedField[] | null) => void;

export interface CsvOptions {
  /** Longest field kept, in UTF-8 bytes (default MAX_FIELD_BYTES; Infinity keeps every field whole). */
  maxFieldBytes?: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, onRecord: RecordHandler, options: CsvOptions = {}): void {
  const maxBytes = options.maxFieldBytes ?? MAX_FIELD_BYTES;
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // The next LF at or after the last counted position, kept between calls: counting the newlines
  // of every quoted field scans each character at most once, however many quotes a field has.
  let nextLf = -1;
  const newlines = (from: number, to: number): number => {
    if (nextLf < from) nextLf = indexOrEnd(text, "\n", from);
    let count = 0;
    while (nextLf < to) {
      count++;
      nextLf = indexOrEnd(text, "\n", nextLf + 1);
    }
    return count;
  };
  let oversized: OversizedField[] | null = null;
  /** The field text[from, to) (doubled quotes un-doubled), or its preview when it is too long. */
  const field = (from: number, to: number, doubled: number, fieldIndex: number): string => {
    const chars = to - from - doubled;
    if (chars * 3 <= maxBytes) return doubled > 0 ? text.slice(from, to).replaceAll('""', '"') : text.slice(from, to);
    if (chars <= maxBytes) {
      const value = doubled > 0 ? text.slice(from, to).replaceAll('""', '"') : text.slice(from, to);
      if (!utf8Exceeds(value, maxBytes)) return value;
    }
    (oversized ??= []).push({ field: fieldIndex, chars });
    const head = text.slice(from, Math.min(to, from + FIELD_PREVIEW_CHARS));
    return `${doubled > 0 ? head.replaceAll('""', '"') : head}…[truncated: ${chars} characters]`;
  };
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let ok = true;
    oversized = null;
    // One record.
    for (;;) {
      let j: number;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: find the closing quote (a doubled quote is an escaped one).
        const from = i + 1;
        let end = n;
        let doubled = 0;
        for (let k = from; ; ) {
          const q = text.indexOf('"', k);
          if (q === -1) {
            ok = false;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            doubled++;
            k = q + 2;
            continue;
          }
          end = q;
          break;
        }
        line += newlines(from, end);
        i = end === n ? n : end + 1;
        // Anything between the closing quote and the separator is kept verbatim (lenient).
        j = separatorFrom(text, i);
        let value = field(from, end, doubled, fields.length);
        if (j > i) {
          // Rare (the record is then not ok): the stray text is appended, itself cut if too long.
          value += field(i, j, 0, fields.length);
          ok = false;
        }
        fields.push(value);
      } else {
        j = separatorFrom(text, i);
        fields.push(field(i, j, 0, fields.length));
      }
      i = j;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of record: CRLF, LF, lone CR or end of text.
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      line++;
      break;
    }
    // Skip blank lines (a record of one empty field) entirely: they are not rows.
    if (fields.length === 1 && fields[0] === "" && ok) continue;
    onRecord(fields, startLine, ok, oversized);
  }
}

/** Position of the next comma, CR or LF at or after `from` (or the end of the text). */
function separatorFrom(text: string, from: number): number {
  const n = text.length;
  let j = from;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === LF || c === CR) break;
    j++;
  }
  return j;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const k = text.indexOf(search, from);
  return k === -1 ? text.length : k;
}

/** Whether the UTF-8 encoding of `value` is longer than `max` bytes (stops counting once it is). */
function utf8Exceeds(value: string, max: number): boolean {
  let bytes = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < value.length && (value.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      k++;
    } else bytes += 3;
    if (bytes > max) return true;
  }
  return false;
}

/** Quote a value for CSV output when needed (comma, quote, CR or LF). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
