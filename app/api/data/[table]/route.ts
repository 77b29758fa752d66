// One export table of the current run as CSV (stable column names, formulas neutralised), streamed from SQLite.
import { routeUser } from "@/lib/auth/session";
import { ROW_LEVEL_TABLES } from "@/lib/db/export-tables";
import { openTableRows } from "@/lib/db/queries/data-tables";
import { csvStreamResponse } from "@/lib/http/csv-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ table: string }> }) {
  const table = (await params).table;
  const { refused } = await routeUser(ROW_LEVEL_TABLES.has(table) ? "analyst" : "reader");
  if (refused) return refused;
  const opened = openTableRows(table);
  if (!opened.ok) return Response.json({ error: opened.error }, { status: 404 });
  return csvStreamResponse(opened.filename, opened.header, opened.rows, opened.close);
}
