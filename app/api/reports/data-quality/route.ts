// The current run's data quality report as a PDF: GET /api/reports/data-quality
import { routeUser } from "@/lib/auth/session";
import { getRunCaveats } from "@/lib/db/queries/caveats";
import { caveatList } from "@/lib/views/caveats";
import { runNoteText } from "@/lib/views/definitions";
import { getDataQuality } from "@/lib/db/queries/data-quality";
import { noRunYet, pdfResponse } from "@/lib/http/respond";
import { renderDataQualityPdf } from "@/lib/reports/data-quality-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const data = await getDataQuality();
  if (!data) return noRunYet();
  return pdfResponse(await renderDataQualityPdf(data, { note: runNoteText(data.run.report, caveatList(await getRunCaveats(data.run.id))) }), `data-quality-run-${data.run.id}.pdf`);
}
