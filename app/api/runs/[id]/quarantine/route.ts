// Quarantined rows of a run: JSON pages for the browser (?reason=&offset=&limit=), or the whole set as CSV (?format=csv).
import { routeUser } from "@/lib/auth/session";
import { z } from "zod";
import { getQuarantinePage, iterateQuarantine } from "@/lib/db/queries/quarantine";
import { csvDownload } from "@/lib/http/csv-response";
import { CANONICAL_COLUMNS } from "@/lib/pipeline/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({
  reason: z.string().regex(/^[A-Z_]+$/).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(["json", "csv"]).default("json"),
});

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { refused } = await routeUser("analyst");
  if (refused) return refused;
  const runId = Number((await params).id);
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!Number.isInteger(runId) || runId < 1 || !query.success) return Response.json({ error: "Bad request: run id or query parameters are invalid." }, { status: 400 });
  if (query.data.format === "json") return Response.json(await getQuarantinePage(runId, query.data));
  async function* rows() {
    for await (const r of iterateQuarantine(runId)) yield [r.file, r.line, r.reason, r.detail, ...CANONICAL_COLUMNS.map((c) => r.values[c] ?? null)];
  }
  return csvDownload(`quarantine-run-${runId}.csv`, ["file", "line", "reason", "detail", ...CANONICAL_COLUMNS], rows());
}
