// The executive summary as a two-page PDF: GET /api/reports/executive?from=YYYY-MM-DD&to=YYYY-MM-DD&model=last_click[&identity=person]
import { routeUser } from "@/lib/auth/session";
import { cacheKey } from "@/lib/db/queries/run-cache";
import { cachedPdf } from "@/lib/reports/pdf-cache";
import { getCurrentRun } from "@/lib/db/queries/current-run";
import { getExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { parseQuery } from "@/lib/http/respond";
import { renderExecutivePdf } from "@/lib/reports/executive-pdf";
import { definitionsText } from "@/lib/views/definitions";
import { SummaryQuery } from "@/lib/views/summary-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, SummaryQuery);
  if (response) return response;
  // Rendered once per published run and parameters (lib/db/queries/run-cache.ts); a relative period depends on the day.
  return cachedPdf("executive", cacheKey({ ...query, today: new Date().toISOString().slice(0, 10) }), async () => {
    const data = await getExecutiveSummary(query);
    if (!data) return null;
    return { bytes: await renderExecutivePdf(data, { note: definitionsText((await getCurrentRun())?.report) }), name: `executive-summary-run-${data.runId}.pdf` };
  });
}
