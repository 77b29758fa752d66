/**
 * migrateDatabase spawns `prisma migrate deploy` (a second Node process, one to two seconds) only
 * when a migration folder is not recorded as applied: every command-line run calls it, and on a
 * current schema it must cost a read of `_prisma_migrations`, not a process.
 */
import * as childProcess from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { openSqlite } from "@/lib/db/sqlite";

vi.mock("node:child_process", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:child_process")>();
  return { ...actual, execFileSync: vi.fn(actual.execFileSync) };
});
const spawned = vi.mocked(childProcess.execFileSync);
const isMigrateDeploy = (call: unknown[]) => (call[1] as string[]).includes("migrate") && (call[1] as string[]).includes("deploy");

const work = mkdtempSync(join(tmpdir(), "migrate-skip-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const path = join(work, "m.db");
const env = { ...process.env, DATABASE_URL: `file:${path}` };
const folders = readdirSync(join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

beforeEach(() => {
  spawned.mockClear(); // a block: a hook that returns a function has it called as its teardown
});

describe("migrateDatabase", () => {
  it("a new database: spawns prisma migrate deploy once, which records every migration folder", () => {
    migrateDatabase(env);
    expect(spawned.mock.calls.filter(isMigrateDeploy)).toHaveLength(1);
    const db = openSqlite(path);
    try {
      const applied = (db.prepare(`SELECT "migration_name" AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`).all() as { n: string }[]).map((r) => r.n).sort();
      expect(applied).toEqual(folders);
    } finally {
      db.close();
    }
  });

  it("a current schema: spawns nothing", () => {
    try { migrateDatabase(env); } catch (e) { console.log("STACK", (e as Error).stack); }
    migrateDatabase(env);
    migrateDatabase(env);
    expect(spawned).not.toHaveBeenCalled();
  });

  it("a migration folder not recorded as applied (or rolled back): spawns again", () => {
    const db = openSqlite(path);
    try {
      db.prepare(`UPDATE "_prisma_migrations" SET "rolled_back_at" = "finished_at" WHERE "migration_name" = ?`).run(folders.at(-1)!);
    } finally {
      db.close();
    }
    spawned.mockImplementationOnce(() => Buffer.alloc(0)); // the spawn is what is checked, not Prisma's handling of the row
    migrateDatabase(env);
    expect(spawned.mock.calls.filter(isMigrateDeploy)).toHaveLength(1);
  });
});
