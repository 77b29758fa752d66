/** Streams CSV rows as a download; every value is neutralised against spreadsheet formula injection. */
import { csvField } from "@/lib/pipeline/csv";

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * A value starting with = + - @ (or tab/CR) would run as a formula in a spreadsheet: prefix a
 * quote. Plain numbers (including negative ones) are not formulas and stay numbers.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map((v) => csvField(neutralise(v === null || v === undefined ? "" : String(v)))).join(",")}\n`;
}

export function csvDownload(filename: string, header: string[], rows: AsyncIterable<(string | number | null)[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < 1000; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
