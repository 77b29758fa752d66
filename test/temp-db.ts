/** A migrated throwaway SQLite database and data folder for a test file (never the dev database). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqlite, type Sqlite } from "@/lib/db/sqlite";

export function tempDatabase(): { db: Sqlite; dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "test-db-"));
  const path = join(dir, "test.db");
  execFileSync(process.execPath, [join(process.cwd(), "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path}` },
    stdio: "ignore",
  });
  const db = openSqlite(path);
  return { db, dir, path, cleanup: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}
