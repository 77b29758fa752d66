// The whole audit log as CSV (admins only), oldest first.
import { routeUser } from "@/lib/auth/session";
import { iterateAudit } from "@/lib/auth/audit";
import { sharedSqlite } from "@/lib/db/sqlite";
import { csvDownload } from "@/lib/http/csv-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const { refused } = await routeUser("admin");
  if (refused) return refused;
  async function* rows() {
    for (const e of iterateAudit(sharedSqlite())) yield [new Date(e.atMs).toISOString(), e.actor, e.action, e.target, e.detail];
  }
  return csvDownload("audit-log.csv", ["time", "actor", "action", "target", "detail"], rows());
}
