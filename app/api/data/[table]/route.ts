// One export table of the current run as CSV (stable column names, formulas neutralised), streamed from SQLite.
import { openTableRows } from "@/lib/db/queries/data-tables";
import { csvStreamResponse } from "@/lib/http/csv-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ table: string }> }) {
  const opened = openTableRows((await params).table);
  if (!opened.ok) return Response.json({ error: opened.error }, { status: 404 });
  return csvStreamResponse(opened.filename, opened.header, opened.rows, opened.close);
}
