// The current run's data quality report as a PDF: GET /api/reports/data-quality
import { getDataQuality } from "@/lib/db/queries/data-quality";
import { renderDataQualityPdf } from "@/lib/reports/data-quality-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const data = await getDataQuality();
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const pdf = await renderDataQualityPdf(data);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="data-quality-run-${data.run.id}.pdf"`, "Cache-Control": "no-store" },
  });
}
