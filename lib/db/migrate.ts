/** Applies pending Prisma migrations to the database of DATABASE_URL (idempotent, ~1 s). */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export function migrateDatabase(env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(process.execPath, [join(process.cwd(), "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
