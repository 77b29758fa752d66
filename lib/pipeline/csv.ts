/**
 * RFC 4180 CSV parsing with lineage: quoted commas and newlines, doubled quotes (as in embedded
 * JSON), a UTF-8 BOM, CRLF or LF line ends, and a last line without a newline.
 *
 * `parseCsv` calls `onRecord(fields, line, ok)` once per record; `line` is the 1-based physical line
 * where the record starts, so every row keeps its place in the source file. `ok` is false when the
 * record ends inside an unterminated quote (the file's remainder is then that one broken record).
 */
export type RecordHandler = (fields: string[], line: number, ok: boolean) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, onRecord: RecordHandler): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let ok = true;
    // One record.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: find the closing quote, un-doubling inner quotes.
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            value += text.slice(from);
            line += countNewlines(text, from, n);
            i = n;
            ok = false;
            break;
          }
          line += countNewlines(text, from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is kept verbatim (lenient).
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j > i) {
          value += text.slice(i, j);
          ok = false;
        }
        fields.push(value);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
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
    onRecord(fields, startLine, ok);
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let k = text.indexOf("\n", from);
  while (k !== -1 && k < to) {
    count++;
    k = text.indexOf("\n", k + 1);
  }
  return count;
}

/** Quote a value for CSV output when needed (comma, quote, CR or LF). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
