// The current run's data quality report as a PDF: GET /api/reports/data-quality
import { routeUser } from "@/lib/auth/session";
import { cachedForRun } from "@/lib/db/queries/run-cache";
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
  // Rendered once per published run (lib/db/queries/run-cache.ts).
  const pdf = await cachedForRun("pdf:data-quality", "", async () => {
    const data = await getDataQuality();
    if (!data) return null;
    const bytes = await renderDataQualityPdf(data, { note: runNoteText(data.run.report, caveatList(await getRunCaveats(data.run.id))) });
    return { bytes, name: `data-quality-run-${data.run.id}.pdf` };
  });
  return pdf ? pdfResponse(pdf.bytes, pdf.name) : noRunYet();
}
