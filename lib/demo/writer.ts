/**
 * Output helpers of the demo data generator: fast timestamp formatting, row encoding into large
 * buffers, and whole-file writes that run off the main thread.
 */
import { open } from "node:fs/promises";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
export const DAY_MS = 86_400_000;
export const COMMA = 0x2c;
export const LF = 0x0a;

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** toISOString() for a time within the day starting at `dayStart` (whose date is `date`), but faster. */
export function isoTimestamp(ts: number, dayStart: number, date: string): string {
  let ms = ts - dayStart;
  if (ms < 0 || ms >= DAY_MS || !Number.isInteger(ms)) return new Date(ts).toISOString();
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const sec = Math.floor(ms / 1000);
  return `${date}T${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[ms - sec * 1000]}Z`;
}

const CHUNK_SIZE = 4 << 20;

/**
 * Encodes rows straight into large buffers, field by field (no per-row string concatenation).
 * `ascii()` is only used for text that is ASCII by construction (ids, URLs, timestamps, event
 * names), where latin1 is byte-identical to UTF-8 and much faster; `utf8()` for the rest.
 */
export class ChunkWriter {
  private readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK_SIZE);
  private offset = 0;
  private lineStart = 0;

  /** Start a line of at most `maxBytes` bytes (room is kept for one copy of it). */
  begin(maxBytes: number): void {
    if (this.offset + 2 * maxBytes > this.buf.length) {
      this.chunks.push(this.buf.subarray(0, this.offset));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK_SIZE, 2 * maxBytes));
      this.offset = 0;
    }
    this.lineStart = this.offset;
  }

  ascii(text: string): void {
    this.offset += this.buf.write(text, this.offset, "latin1");
  }

  utf8(text: string): void {
    this.offset += this.buf.write(text, this.offset, "utf8");
  }

  bytes(bytes: Buffer): void {
    this.buf.set(bytes, this.offset);
    this.offset += bytes.length;
  }

  byte(value: number): void {
    this.buf[this.offset++] = value;
  }

  /** Write the current line once more (an exact duplicate row). */
  repeatLine(): void {
    this.offset += this.buf.copy(this.buf, this.offset, this.lineStart, this.offset);
  }

  finish(): Buffer[] {
    this.chunks.push(this.buf.subarray(0, this.offset));
    return this.chunks;
  }
}

export async function throwIfFailed(write: Promise<unknown>): Promise<void> {
  const err = await write;
  if (err) throw err;
}

/**
 * Write a whole file with vectored writes (they run off the main thread, overlapping the
 * generation of the next day).
 */
export async function writeDay(path: string, chunks: Buffer[], gzip: boolean): Promise<void> {
  let pending = gzip ? [await gzipAsync(Buffer.concat(chunks))] : chunks;
  const file = await open(path, "w");
  try {
    while (pending.length > 0) {
      let { bytesWritten } = await file.writev(pending.slice(0, 512));
      const rest: Buffer[] = [];
      for (const b of pending) {
        if (bytesWritten >= b.length) bytesWritten -= b.length;
        else {
          rest.push(bytesWritten > 0 ? b.subarray(bytesWritten) : b);
          bytesWritten = 0;
        }
      }
      pending = rest;
    }
  } finally {
    await file.close();
  }
}
