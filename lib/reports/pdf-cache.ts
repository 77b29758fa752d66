import "server-only";
import { cachedForRun } from "@/lib/db/queries/run-cache";
import { noRunYet, pdfResponse } from "@/lib/http/respond";

/**
 * A report's PDF response, rendered once per published run and `key` (lib/db/queries/run-cache.ts):
 * `render` gives the bytes and the file name, or null before the first run (then a 404).
 */
export async function cachedPdf(report: string, key: string, render: () => Promise<{ bytes: Buffer; name: string } | null>): Promise<Response> {
  const pdf = await cachedForRun(`pdf:${report}`, key, render);
  return pdf ? pdfResponse(pdf.bytes, pdf.name) : noRunYet();
}
