// The attribution comparison report as a PDF: GET /api/reports/attribution?a=first_click&b=last_click&lookback=7
import { z } from "zod";
import { getAttribution, isLookback } from "@/lib/db/queries/attribution";
import { DEFAULT_LOOKBACK_DAYS, MODELS } from "@/lib/pipeline/constants";
import { renderAttributionPdf } from "@/lib/reports/attribution-pdf";

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
  const data = await getAttribution(query.data.lookback);
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const pdf = await renderAttributionPdf(data, query.data.a, query.data.b);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="attribution-run-${data.runId}.pdf"`, "Cache-Control": "no-store" },
  });
}
