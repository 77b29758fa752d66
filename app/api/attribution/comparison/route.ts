// Two attribution models side by side per channel as CSV: GET /api/attribution/comparison?a=first_click&b=last_click&lookback=7
import { z } from "zod";
import { getAttribution, isLookback } from "@/lib/db/queries/attribution";
import { csvLine } from "@/lib/http/csv-response";
import { DEFAULT_LOOKBACK_DAYS, MODELS } from "@/lib/pipeline/constants";
import { compareModels } from "@/lib/views/compare-models";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({
  a: z.enum(MODELS, { error: `a must be one of ${MODELS.join(", ")}` }).default("first_click"),
  b: z.enum(MODELS, { error: `b must be one of ${MODELS.join(", ")}` }).default("last_click"),
  lookback: z.coerce.number().int().refine(isLookback, "lookback must be 1, 7, 14 or 30").default(DEFAULT_LOOKBACK_DAYS),
});

export async function GET(request: Request) {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]?.message ?? "Bad request" }, { status: 400 });
  const { a, b, lookback } = query.data;
  const data = await getAttribution(lookback);
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const header = csvLine(["channel", `orders_${a}`, `revenue_${a}`, `orders_${b}`, `revenue_${b}`, "revenue_diff", "revenue_diff_pct"]);
  // Numbers are written as they are (csvLine would quote-prefix a negative difference); only the channel name is text.
  const num = (n: number, digits: number) => String(Number(n.toFixed(digits)));
  const rows = compareModels(data, a, b).map((r) =>
    [csvLine([r.channel]).trimEnd(), num(r.ordersA, 4), num(r.revenueA, 2), num(r.ordersB, 4), num(r.revenueB, 2), num(r.revenueDiff, 2), r.revenueDiffPct === null ? "" : num(r.revenueDiffPct * 100, 2)].join(",") + "\n",
  );
  const filename = `attribution-${a}-vs-${b}-${lookback}d-run-${data.runId}.csv`;
  return new Response(header + rows.join(""), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
