// Runs (newest first, with stage and progress) and the stored files of the data set: GET /api/runs (polled while a run is active).
import { routeUser } from "@/lib/auth/session";
import { getRuns } from "@/lib/db/queries/runs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("reader");
  if (refused) return refused;
  return Response.json(await getRuns());
}
