/** A migrated throwaway SQLite database and data folder for a test file (never the dev database). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite, type Sqlite } from "@/lib/db/sqlite";

export function tempDatabase(): { db: Sqlite; dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "test-db-"));
  const path = join(dir, "test.db");
  migrateDatabase({ ...process.env, DATABASE_URL: `file:${path}` });
  const db = openSqlite(path);
  return { db, dir, path, cleanup: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}
