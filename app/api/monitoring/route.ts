// The current run's monitoring report as JSON (checks, scored daily series, run history): GET /api/monitoring[?download=1]
import { getMonitoring } from "@/lib/db/queries/monitoring";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const data = await getMonitoring();
  if (!data) return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
  const download = new URL(request.url).searchParams.get("download") === "1";
  return Response.json(data, download ? { headers: { "Content-Disposition": `attachment; filename="monitoring-run-${data.runId}.json"` } } : undefined);
}
