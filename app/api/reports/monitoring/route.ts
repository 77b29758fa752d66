// The current run's monitoring report as a PDF: GET /api/reports/monitoring
import { getMonitoring } from "@/lib/db/queries/monitoring";
import { renderMonitoringPdf } from "@/lib/reports/monitoring-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const data = await getMonitoring();
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const pdf = await renderMonitoringPdf(data);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="monitoring-run-${data.runId}.pdf"`, "Cache-Control": "no-store" },
  });
}
