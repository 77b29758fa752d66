/**
 * `npm start` step: apply migrations to the database (DATABASE_URL, default file:./dev.db) and,
 * when it holds no successful run yet, generate the embedded demo data and load it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { generateDemo } from "@/lib/demo/generator";
import { openSqlite } from "@/lib/db/sqlite";
import { databasePath } from "@/lib/db/url";
import { runAndSave } from "./run-and-save";

const DEMO_DIR = join(process.cwd(), "data", "demo");

function migrate(): void {
  execFileSync(process.execPath, [join(process.cwd(), "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function main(): Promise<void> {
  if (process.argv.includes("--reset")) {
    // Tests start from an empty database of their own (never the dev database).
    const path = databasePath();
    if (path.endsWith("dev.db")) throw new Error("--reset refuses to delete the development database; set DATABASE_URL to a test database.");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
  }
  migrate();
  const db = openSqlite();
  const row = db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" = 'succeeded'`).get() as { n: number };
  db.close();
  if (row.n > 0 && !process.argv.includes("--force-demo")) {
    console.log(`Database ready (${row.n} successful runs).`);
    return;
  }
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  rmSync(DEMO_DIR, { recursive: true, force: true });
  mkdirSync(DEMO_DIR, { recursive: true });
  console.log(`Generating demo data (14 days ending ${yesterday}) into data/demo ...`);
  const demo = await generateDemo({ days: 14, eventsPerDay: 3500, seed: 42, endDate: yesterday }, DEMO_DIR);
  const { runId, result } = runAndSave(demo.files, "demo");
  console.log(`Loaded demo run #${runId}: ${result.quality.accounting.inputRows} rows, ${result.quality.findings.length} findings.`);
}

main().catch((e: unknown) => {
  console.error(`Setup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
