// Executive summary for a date range, attribution model and identity: GET /api/summary?from=YYYY-MM-DD&to=YYYY-MM-DD&model=last_click[&identity=person]
import { routeUser } from "@/lib/auth/session";
import { getExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { noRunYet, parseQuery } from "@/lib/http/respond";
import { SummaryQuery } from "@/lib/views/summary-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, SummaryQuery);
  if (response) return response;
  const data = await getExecutiveSummary(query);
  return data ? Response.json(data) : noRunYet();
}
