// Attribution views of the current run for a lookback window: GET /api/attribution?lookback=7
import { z } from "zod";
import { getAttribution, isLookback } from "@/lib/db/queries/attribution";
import { DEFAULT_LOOKBACK_DAYS } from "@/lib/pipeline";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({ lookback: z.coerce.number().int().refine(isLookback, "lookback must be 1, 7, 14 or 30").default(DEFAULT_LOOKBACK_DAYS) });

export async function GET(request: Request) {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]?.message ?? "Bad request" }, { status: 400 });
  const data = await getAttribution(query.data.lookback);
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  return Response.json(data);
}
