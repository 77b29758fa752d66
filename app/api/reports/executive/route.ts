// The executive summary as a two-page PDF: GET /api/reports/executive?from=YYYY-MM-DD&to=YYYY-MM-DD&model=last_click
import { getExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { renderExecutivePdf } from "@/lib/reports/executive-pdf";
import { SummaryQuery } from "@/lib/views/summary-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const query = SummaryQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]?.message ?? "Bad request" }, { status: 400 });
  const data = await getExecutiveSummary(query.data);
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const pdf = await renderExecutivePdf(data);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="executive-summary-run-${data.runId}.pdf"`, "Cache-Control": "no-store" },
  });
}
