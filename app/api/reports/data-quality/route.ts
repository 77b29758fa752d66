// The current run's data quality report as a PDF: GET /api/reports/data-quality
import { routeUser } from "@/lib/auth/session";
import { cachedPdf } from "@/lib/reports/pdf-cache";
import { getRunCaveats } from "@/lib/db/queries/caveats";
import { caveatList } from "@/lib/views/caveats";
import { runNoteText } from "@/lib/views/definitions";
import { getDataQuality } from "@/lib/db/queries/data-quality";
import { renderDataQualityPdf } from "@/lib/reports/data-quality-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  // Rendered once per published run (lib/db/queries/run-cache.ts).
  return cachedPdf("data-quality", "", async () => {
    const data = await getDataQuality();
    if (!data) return null;
    const bytes = await renderDataQualityPdf(data, { note: runNoteText(data.run.report, caveatList(await getRunCaveats(data.run.id))) });
    return { bytes, name: `data-quality-run-${data.run.id}.pdf` };
  });
}
