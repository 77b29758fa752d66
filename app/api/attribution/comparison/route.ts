// Two attribution models side by side per channel as CSV: GET /api/attribution/comparison?a=first_click&b=last_click&lookback=7
import { routeUser } from "@/lib/auth/session";
import { getAttribution } from "@/lib/db/queries/attribution";
import { csvLine } from "@/lib/http/csv-response";
import { noRunYet, parseQuery } from "@/lib/http/respond";
import { compareModels } from "@/lib/views/compare-models";
import { ComparisonQuery } from "@/lib/views/comparison-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, ComparisonQuery);
  if (response) return response;
  const { a, b, lookback } = query;
  const data = await getAttribution(lookback);
  if (!data) return noRunYet();
  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  const header = csvLine(["channel", `orders_${a}`, `revenue_${a}`, `orders_${b}`, `revenue_${b}`, "revenue_diff", "revenue_diff_pct"]);
  const rows = compareModels(data, a, b).map((r) =>
    csvLine([r.channel, round(r.ordersA, 4), round(r.revenueA, 2), round(r.ordersB, 4), round(r.revenueB, 2), round(r.revenueDiff, 2), r.revenueDiffPct === null ? null : round(r.revenueDiffPct * 100, 2)]),
  );
  const filename = `attribution-${a}-vs-${b}-${lookback}d-run-${data.runId}.csv`;
  return new Response(header + rows.join(""), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
