/** The audit log (table AuditEntry): who changed the data set or the accounts, and when. */
import type { Sqlite } from "@/lib/db/sqlite";

export const AUDIT_ACTIONS = ["upload", "replace", "remove", "rerun", "sign-in", "sign-out", "user-add", "user-remove", "user-role", "user-password", "setting"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actor of command-line changes (npm run pipeline, npm run user). */
export const COMMAND_LINE = "command line";

export interface AuditEntry {
  id: number;
  atMs: number;
  actor: string;
  action: AuditAction;
  target: string | null;
  detail: string | null;
}

export function recordAudit(db: Sqlite, actor: string, action: AuditAction, target: string | null = null, detail: string | null = null, now = Date.now()): void {
  db.prepare(`INSERT INTO "AuditEntry" ("atMs", "actor", "action", "target", "detail") VALUES (?, ?, ?, ?, ?)`).run(now, actor, action, target, detail);
}

export function listAudit(db: Sqlite, opts: { limit?: number; offset?: number } = {}): { total: number; entries: AuditEntry[] } {
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM "AuditEntry"`).get() as { n: number }).n;
  const entries = db
    .prepare(`SELECT "id", "atMs", "actor", "action", "target", "detail" FROM "AuditEntry" ORDER BY "atMs" DESC, "id" DESC LIMIT ? OFFSET ?`)
    .all(opts.limit ?? 50, opts.offset ?? 0) as AuditEntry[];
  return { total, entries };
}

export function* iterateAudit(db: Sqlite): Generator<AuditEntry> {
  yield* db.prepare(`SELECT "id", "atMs", "actor", "action", "target", "detail" FROM "AuditEntry" ORDER BY "atMs", "id"`).iterate() as Iterable<AuditEntry>;
}
