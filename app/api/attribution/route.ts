// Attribution views of the current run for a lookback window: GET /api/attribution?lookback=7
import { routeUser } from "@/lib/auth/session";
import { getAttribution } from "@/lib/db/queries/attribution";
import { noRunYet, parseQuery } from "@/lib/http/respond";
import { ComparisonQuery } from "@/lib/views/comparison-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = ComparisonQuery.pick({ lookback: true });

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, Query);
  if (response) return response;
  const data = await getAttribution(query.lookback);
  return data ? Response.json(data) : noRunYet();
}
