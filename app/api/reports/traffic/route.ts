// The Traffic page as a PDF: GET /api/reports/traffic?from=YYYY-MM-DD&to=YYYY-MM-DD[&channel=…][&device=…] (or period=all|last7|last14)
import { routeUser } from "@/lib/auth/session";
import { cacheKey } from "@/lib/db/queries/run-cache";
import { cachedPdf } from "@/lib/reports/pdf-cache";
import { getCurrentRun } from "@/lib/db/queries/current-run";
import { getTraffic } from "@/lib/db/queries/traffic";
import { parseQuery } from "@/lib/http/respond";
import { renderTrafficPdf } from "@/lib/reports/traffic-pdf";
import { definitionsText } from "@/lib/views/definitions";
import { TrafficQuery } from "@/lib/views/traffic-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, TrafficQuery);
  if (response) return response;
  // Rendered once per published run and parameters (lib/db/queries/run-cache.ts); a relative period depends on the day.
  return cachedPdf("traffic", cacheKey({ ...query, today: new Date().toISOString().slice(0, 10) }), async () => {
    const data = await getTraffic(query);
    if (!data) return null;
    return { bytes: await renderTrafficPdf(data, { note: definitionsText((await getCurrentRun())?.report) }), name: `traffic-run-${data.runId}.pdf` };
  });
}
