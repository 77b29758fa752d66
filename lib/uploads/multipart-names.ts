/**
 * Raw file names of a multipart/form-data body. Form parsers (busboy among them) read a quoted
 * `filename="..."` with backslash escapes and stop at a CR, LF or NUL, so `C:\temp\x.csv` reaches
 * the app as `C:tempx.csv` and a name holding a line break fails the whole body as "malformed"
 * without saying which file. This stream sits in front of the parser: it passes every byte of the
 * part bodies through untouched and rewrites each part's Content-Disposition so that the file name
 * travels as `filename*=UTF-8''<percent-encoded>`, which the parser decodes to exactly the name the
 * client sent (backslashes, CR, LF and NUL included). The upload route then judges that raw name.
 *
 * A quoted name is read as browsers write it (the HTML form encoding): up to the next quote, no
 * backslash escapes, with %0A, %0D and %22 standing for LF, CR and a quote. `filename*` (RFC 8187)
 * wins over `filename`, as in busboy.
 */
import { Transform, type TransformCallback } from "node:stream";

/** The boundary of a multipart/form-data content type, or null when the type is something else. */
export function multipartBoundary(contentType: string | null | undefined): string | null {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

type Param = { name: string; value: string; quoted: boolean };

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/** Content-Disposition read leniently from `start` in the header text; `end` is where the header stops (a CRLF outside quotes). */
function readDisposition(text: string, start: number): { type: string; params: Param[]; end: number } | { problem: string } {
  let i = start;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  };
  const atLineEnd = () => i >= text.length || text.startsWith("\r\n", i);
  ws();
  const typeStart = i;
  while (i < text.length && TOKEN.test(text[i]!)) i++;
  const type = text.slice(typeStart, i).toLowerCase();
  const params: Param[] = [];
  for (;;) {
    ws();
    if (atLineEnd()) return { type, params, end: i };
    if (text[i] !== ";") return { problem: "its Content-Disposition header cannot be read" };
    i++;
    ws();
    if (atLineEnd()) return { type, params, end: i }; // a trailing ";"
    const nameStart = i;
    while (i < text.length && TOKEN.test(text[i]!)) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    ws();
    if (name.length === 0 || text[i] !== "=") return { problem: "its Content-Disposition header cannot be read" };
    i++;
    ws();
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return { problem: "a quoted value in its Content-Disposition header never closes" };
      params.push({ name, value: text.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else {
      const valueStart = i;
      while (i < text.length && !/[;\s]/.test(text[i]!)) i++;
      params.push({ name, value: text.slice(valueStart, i), quoted: false });
    }
  }
}

/** The bytes of a latin1 string (one char per byte) read as `charset`. */
function decodeBytes(latin1: string, charset: string): string | null {
  const bytes = Buffer.from(latin1, "latin1");
  if (/^utf-?8$/i.test(charset)) return bytes.toString("utf8");
  if (/^(iso-8859-1|latin1|us-ascii)$/i.test(charset)) return bytes.toString("latin1");
  return null;
}

/** The file name a parameter carries (header text is latin1: one char per byte). */
function fileNameOf(params: Param[]): string | null | { problem: string } {
  const extended = params.find((p) => p.name === "filename*");
  if (extended) {
    const m = /^([^']*)'[^']*'(.*)$/s.exec(extended.value);
    if (!m || extended.quoted) return { problem: "its filename* parameter is not of the form charset''percent-encoded-name" };
    let bytes = "";
    for (let i = 0; i < m[2]!.length; i++) {
      const c = m[2]![i]!;
      if (c !== "%") {
        bytes += c;
        continue;
      }
      const hex = m[2]!.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return { problem: "its filename* parameter has a broken %-escape" };
      bytes += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    }
    const name = decodeBytes(bytes, m[1] || "utf-8");
    return name ?? { problem: `its filename* parameter uses the unknown character set "${m[1]}"` };
  }
  const plain = params.find((p) => p.name === "filename");
  if (!plain) return null;
  const name = Buffer.from(plain.value, "latin1").toString("utf8");
  return plain.quoted ? name.replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, '"') : name;
}

/** RFC 8187 value: UTF-8, every byte outside attr-char percent-encoded. */
function extendedValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

export type PartHeaders = { headers: string; fileName: string | null } | { headers: string; problem: string };

/**
 * One part's header block (latin1 text, CRLF-separated, without the blank line that ends it):
 * the same block with the Content-Disposition rewritten to carry the file name as filename*, and
 * the raw file name (null for a field). A block that cannot be read comes back unchanged with the
 * problem.
 */
export function rewritePartHeaders(block: string): PartHeaders {
  const found = /(^|\r\n)content-disposition[ \t]*:/i.exec(block);
  if (!found) return { headers: block, problem: "it has no Content-Disposition header" };
  const valueStart = found.index + found[0].length;
  const d = readDisposition(block, valueStart);
  if ("problem" in d) return { headers: block, problem: d.problem };
  if (d.type !== "form-data") return { headers: block, problem: `its Content-Disposition is "${d.type}", not form-data` };
  const fileName = fileNameOf(d.params);
  if (fileName !== null && typeof fileName === "object") return { headers: block, problem: fileName.problem };
  if (fileName === null) return { headers: block, fileName: null };
  const field = d.params.find((p) => p.name === "name");
  if (field && /[\u0000-\u001f\u007f]/.test(field.value)) return { headers: block, problem: "its field name holds control characters" };
  // An empty name stays filename="" (filename* needs a value): the parser may take that part for a field; the upload route refuses it by the names seen here.
  const line = `Content-Disposition: form-data${field ? `; name=${quote(field.value)}` : ""}; ${fileName === "" ? 'filename=""' : `filename*=${extendedValue(fileName)}`}`;
  const lineStart = found.index + found[1]!.length;
  return { headers: block.slice(0, lineStart) + line + block.slice(d.end), fileName };
}

const CRLFCRLF = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_NAMES = 1000;

/**
 * The rewriting stream. `fileNames` lists the raw names in the order of the parts; `problems`
 * says why a part's header could not be read (such a part passes unchanged: the upload is then
 * refused as malformed).
 */
export class MultipartNameRewriter extends Transform {
  readonly fileNames: string[] = [];
  readonly problems: string[] = [];
  private readonly delimiter: Buffer;
  /** Bytes held back: a possible start of the next delimiter, or an unfinished header block. */
  private pending: Buffer;
  /** The parser sees the body as if a CRLF came first, so the first delimiter matches like the others; those 2 bytes are never passed on. */
  private virtual = 2;
  private state: "body" | "afterDelimiter" | "headers" | "epilogue" = "body";
  private parts = 0;

  constructor(boundary: string) {
    super();
    this.delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
    this.pending = Buffer.from("\r\n");
  }

  private out(bytes: Buffer): void {
    if (this.virtual > 0) {
      const drop = Math.min(this.virtual, bytes.length);
      this.virtual -= drop;
      bytes = bytes.subarray(drop);
    }
    if (bytes.length > 0) this.push(bytes);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    let pos = 0;
    for (;;) {
      if (this.state === "epilogue") {
        this.out(buf.subarray(pos));
        break;
      }
      if (this.state === "body") {
        const at = buf.indexOf(this.delimiter, pos);
        if (at < 0) {
          const keep = Math.min(this.delimiter.length - 1, buf.length - pos);
          this.out(buf.subarray(pos, buf.length - keep));
          this.pending = Buffer.from(buf.subarray(buf.length - keep));
          break;
        }
        this.out(buf.subarray(pos, at + this.delimiter.length));
        pos = at + this.delimiter.length;
        this.state = "afterDelimiter";
        continue;
      }
      if (this.state === "afterDelimiter") {
        if (buf.length - pos < 2) {
          this.pending = Buffer.from(buf.subarray(pos));
          break;
        }
        this.state = buf[pos] === 0x2d && buf[pos + 1] === 0x2d ? "epilogue" : "headers";
        continue;
      }
      // headers: held back until the blank line that ends them
      const end = buf.indexOf(CRLFCRLF, pos);
      if (end < 0) {
        if (buf.length - pos > MAX_HEADER_BYTES) {
          if (this.problems.length < 20) this.problems.push(`part ${this.parts + 1}: its headers are longer than ${MAX_HEADER_BYTES / 1024} KB`);
          this.parts++;
          this.state = "body";
          continue;
        }
        this.pending = Buffer.from(buf.subarray(pos));
        break;
      }
      this.parts++;
      const block = buf.subarray(pos, end).toString("latin1");
      // The block starts with the rest of the delimiter line (transport padding and its CRLF).
      const lineEnd = block.indexOf("\r\n");
      const head = lineEnd < 0 ? block : block.slice(0, lineEnd + 2);
      const r = lineEnd < 0 ? ({ headers: "", fileName: null } as PartHeaders) : rewritePartHeaders(block.slice(lineEnd + 2));
      // What is kept stays bounded whatever the body holds (the parser stops at its own part limit long before).
      if ("problem" in r) {
        if (this.problems.length < 20) this.problems.push(`part ${this.parts}: ${r.problem}`);
      } else if (r.fileName !== null) {
        if (this.fileNames.length < MAX_NAMES) this.fileNames.push(r.fileName);
        else if (this.problems.length < 20) this.problems.push(`more than ${MAX_NAMES} file parts`);
      }
      this.out(Buffer.from(head + r.headers, "latin1"));
      this.out(CRLFCRLF);
      buf = buf.subarray(end + CRLFCRLF.length);
      pos = 0;
      this.state = "body";
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.out(this.pending);
    this.pending = Buffer.alloc(0);
    done();
  }
}
