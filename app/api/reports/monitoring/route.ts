// The current run's monitoring report as a PDF: GET /api/reports/monitoring
import { routeUser } from "@/lib/auth/session";
import { getCurrentRun } from "@/lib/db/queries/current-run";
import { getRunCaveats } from "@/lib/db/queries/caveats";
import { caveatList } from "@/lib/views/caveats";
import { runNoteText } from "@/lib/views/definitions";
import { getMonitoring } from "@/lib/db/queries/monitoring";
import { noRunYet, pdfResponse } from "@/lib/http/respond";
import { renderMonitoringPdf } from "@/lib/reports/monitoring-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const data = await getMonitoring();
  if (!data) return noRunYet();
  return pdfResponse(await renderMonitoringPdf(data, { note: runNoteText((await getCurrentRun())?.report, caveatList(await getRunCaveats(data.runId))) }), `monitoring-run-${data.runId}.pdf`);
}
