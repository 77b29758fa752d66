/**
 * The data set built day by day equals a rebuild of the same partitions. One database receives the
 * days one at a time in a shuffled order, with a replacement (a day first stored truncated, later
 * in full) and a removal (a day removed, then added back) along the way; another stores the final
 * partitions at once and runs once. Every data table must then hold the same rows, value for value.
 * This holds whatever each run computes incrementally: it is the definition of correct.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_TABLES } from "@/lib/db/save-run";
import type { Sqlite } from "@/lib/db/sqlite";
import { generateDemo } from "@/lib/demo/generator";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { listPartitions, removePartition, storePartition } from "@/lib/uploads/store";
import { sampleExportDir } from "../sample-export";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";

type Db = ReturnType<typeof tempDatabase>;
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function database(): Db {
  const t = tempDatabase();
  cleanups.push(t.cleanup);
  return t;
}

/** A small deterministic shuffle (xorshift), so a failure is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function run(t: Db): { status: string; error: string | null } {
  const id = enqueueRun(t.db, "upload");
  drainQueue(t.db, t.dir);
  return t.db.prepare(`SELECT "status", "error" FROM "Run" WHERE "id" = ?`).get(id) as { status: string; error: string | null };
}

/** Every row of a table without its row id and writing run, sorted: the table's content as a value. */
function content(db: Sqlite, table: string): string[] {
  const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== "id" && c !== "runId");
  const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(",")} FROM "${table}"`).raw().all() as unknown[][];
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** The first half of a file's lines (its header kept): a plausible early, incomplete export of the day. */
function truncated(bytes: Buffer): Buffer {
  const lines = bytes.toString("utf8").split("\n");
  return Buffer.from(lines.slice(0, Math.max(2, Math.floor(lines.length / 2))).join("\n") + "\n");
}

function dayByDayEqualsRebuild(files: { name: string; bytes: Buffer }[], seed: number): void {
  const daily = database();
  const order = shuffled(files, seed);
  const replaced = order[Math.floor(order.length / 2)]!;
  const removed = order[1]!;
  for (const [i, f] of order.entries()) {
    // The replaced day arrives truncated first; its full file comes at the end.
    const bytes = f === replaced ? truncated(f.bytes) : f.bytes;
    expect(storePartition(daily.db, f.name, bytes, daily.dir, "upload").status).toBe("added");
    expect(run(daily)).toEqual({ status: "succeeded", error: null });
    if (i === 3) {
      const p = listPartitions(daily.db).find((x) => x.name === removed.name)!;
      removePartition(daily.db, p.id);
      expect(run(daily).status).toBe("succeeded");
      expect(storePartition(daily.db, removed.name, removed.bytes, daily.dir, "upload").status).toBe("added");
      expect(run(daily).status).toBe("succeeded");
    }
  }
  expect(storePartition(daily.db, replaced.name, replaced.bytes, daily.dir, "upload").status).toBe("replaced");
  expect(run(daily).status).toBe("succeeded");

  const rebuild = database();
  for (const f of files) storePartition(rebuild.db, f.name, f.bytes, rebuild.dir, "cli");
  expect(run(rebuild).status).toBe("succeeded");

  for (const table of DATA_TABLES) {
    const a = content(daily.db, table);
    const b = content(rebuild.db, table);
    expect(a.length, `${table} rows`).toBe(b.length);
    expect(a, table).toEqual(b);
  }
  // Only the published run's rows are stored, whatever the number of runs.
  const runs = (daily.db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" = 'succeeded'`).get() as { n: number }).n;
  expect(runs).toBe(files.length + 3);
  const writers = daily.db.prepare(`SELECT COUNT(DISTINCT "runId") AS n FROM "EventChunk"`).get() as { n: number };
  expect(writers.n).toBe(1);
  expect(new Set(storedEvents(daily.db).map((e) => e.runId)).size).toBe(1);
  // The events as exported, value for value (the chunks above are compared byte for byte).
  const events = (t: Db) => storedEvents(t.db).map(({ runId: _, ...e }) => e);
  expect(events(daily), "events").toEqual(events(rebuild));
}

describe("day by day equals a rebuild of the same partitions", () => {
  it("on the real sample export", () => {
    const dir = sampleExportDir();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
    expect(files.length).toBeGreaterThanOrEqual(8);
    dayByDayEqualsRebuild(files, 20261202);
  }, 240_000);

  it("on generated data with every defect class planted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "inc-gen-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const demo = await generateDemo({ days: 8, eventsPerDay: 600, seed: 11, endDate: "2025-03-08" }, dir);
    const files = demo.files.map((path) => ({ name: path.split("/").pop()!, bytes: readFileSync(path) }));
    dayByDayEqualsRebuild(files, 7);
  }, 240_000);
});
