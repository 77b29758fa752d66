// The current run's monitoring report as JSON (checks, scored daily series, run history): GET /api/monitoring[?download=1]
import { routeUser } from "@/lib/auth/session";
import { getMonitoring } from "@/lib/db/queries/monitoring";
import { noRunYet } from "@/lib/http/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  const data = await getMonitoring();
  if (!data) return noRunYet();
  const download = new URL(request.url).searchParams.get("download") === "1";
  return Response.json(data, download ? { headers: { "Content-Disposition": `attachment; filename="monitoring-run-${data.runId}.json"` } } : undefined);
}
