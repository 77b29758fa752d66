/**
 * npm run new-migration -- <name>
 * Writes the SQL that takes the existing migrations to prisma/schema.prisma into a new
 * timestamped migration folder (prisma migrate dev does not work without native engines).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run new-migration -- <name>");
  process.exit(2);
}
const prisma = join(process.cwd(), "node_modules", "prisma", "build", "index.js");
const dir = mkdtempSync(join(tmpdir(), "migration-"));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, "base.db")}` };
try {
  execFileSync(process.execPath, [prisma, "migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const pulled = execFileSync(process.execPath, [prisma, "db", "pull", "--print"], { env, encoding: "utf8" });
  const start = pulled.search(/^(generator|datasource) /m);
  writeFileSync(join(dir, "base.prisma"), pulled.slice(start));
  const diff = spawnSync(process.execPath, [prisma, "migrate", "diff", "--from-schema-datamodel", join(dir, "base.prisma"), "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--exit-code"], { env, encoding: "utf8" });
  if (diff.status === 0) {
    console.log("No schema changes.");
  } else if (diff.status === 2) {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const out = join("prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "migration.sql"), diff.stdout);
    console.log(`Wrote ${out}/migration.sql`);
  } else {
    console.error(diff.stderr);
    process.exit(1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
