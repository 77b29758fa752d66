// The attribution comparison report as a PDF: GET /api/reports/attribution?a=first_click&b=last_click&lookback=7
import { routeUser } from "@/lib/auth/session";
import { cacheKey } from "@/lib/db/queries/run-cache";
import { cachedPdf } from "@/lib/reports/pdf-cache";
import { getCurrentRun } from "@/lib/db/queries/current-run";
import { caveatList } from "@/lib/views/caveats";
import { runNoteText } from "@/lib/views/definitions";
import { getAttribution } from "@/lib/db/queries/attribution";
import { getCohorts } from "@/lib/db/queries/cohorts";
import { parseQuery } from "@/lib/http/respond";
import { renderAttributionPdf } from "@/lib/reports/attribution-pdf";
import { ComparisonQuery } from "@/lib/views/comparison-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const { data: query, response } = parseQuery(request, ComparisonQuery);
  if (response) return response;
  // Rendered once per published run and parameters (lib/db/queries/run-cache.ts).
  return cachedPdf("attribution", cacheKey(query), async () => {
    const identity = query.identity ?? "device";
    const [data, cohorts] = await Promise.all([getAttribution(query.lookback), getCohorts(identity)]);
    if (!data) return null;
    const bytes = await renderAttributionPdf(data, query.a, query.b, { model: query.model ?? null, identity, cohorts, note: runNoteText((await getCurrentRun())?.report, caveatList(data.caveats)) });
    return { bytes, name: `attribution-run-${data.runId}.pdf` };
  });
}
