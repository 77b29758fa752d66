/**
 * A CSV download streamed from a synchronous row iterator (better-sqlite3's `iterate`): each `pull`
 * reads the next batch of rows, so a million-row table never sits in memory. `close` runs once,
 * when the rows run out, on an error, or when the client cancels the download.
 */
import { csvLine } from "./csv-response";

export type CsvValue = string | number | bigint | null | undefined;

export function csvStreamResponse(filename: string, header: string[], rows: Iterator<unknown[]>, close: () => void, batch = 1000): Response {
  const encoder = new TextEncoder();
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    try {
      rows.return?.();
    } finally {
      close();
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    pull(controller) {
      try {
        let chunk = "";
        for (let i = 0; i < batch; i++) {
          const next = rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            finish();
            controller.close();
            return;
          }
          chunk += csvLine((next.value as CsvValue[]).map((v) => (typeof v === "bigint" ? v.toString() : v)));
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    cancel() {
      finish();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
