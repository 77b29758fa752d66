// Runs (newest first, with stage and progress) and the stored files of the data set: GET /api/runs (polled while a run is active).
import { getRuns } from "@/lib/db/queries/runs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await getRuns());
}
