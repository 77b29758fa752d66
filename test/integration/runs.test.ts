/**
 * Uploads and runs: idempotent re-upload, atomic runs (a failure mid-save leaves the previous
 * results), restart recovery, removal, and a clear message for every kind of bad input.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "@/lib/db/migrate";
import { saveRunResult, createRun, failRun } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import { claimNextRun, drainQueue, enqueueRun, executeRun, recoverInterruptedRuns } from "@/lib/runs/queue";
import { listPartitions, readPartitions, removePartition, storePartition } from "@/lib/uploads/store";
import { validateUpload } from "@/lib/uploads/validate-upload";
import { dayExport } from "../csv-builder";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
const db = t.db;
const day = dayExport;
const current = () => db.prepare(`SELECT "id", "inputRows" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { id: number; inputRows: number } | undefined;
const count = (table: string, runId: number) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "runId" = ?`).get(runId) as { n: number }).n;

beforeAll(() => {
  storePartition(db, "events_20250301.csv", day("2025-03-01", 20, 100), t.dir);
  enqueueRun(db, "upload");
  drainQueue(db, t.dir);
});
afterAll(() => t.cleanup());

describe("uploads and runs", () => {
  it("a new database is created in WAL mode with the large page size", () => {
    expect(db.pragma("page_size", { simple: true })).toBe(PAGE_SIZE);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("runs the queued run over the stored partitions", () => {
    expect(current()).toMatchObject({ inputRows: 21 });
  });

  it("re-uploading the same bytes changes nothing", () => {
    const runsBefore = (db.prepare(`SELECT COUNT(*) AS n FROM "Run"`).get() as { n: number }).n;
    const again = storePartition(db, "events_20250301.csv", day("2025-03-01", 20, 100), t.dir);
    expect(again.status).toBe("unchanged");
    const renamed = storePartition(db, "copy.csv", day("2025-03-01", 20, 100), t.dir);
    expect(renamed.status).toBe("unchanged");
    expect(listPartitions(db)).toHaveLength(1);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM "Run"`).get() as { n: number }).n).toBe(runsBefore);
  });

  it("a second day adds a partition; the new run covers both days", () => {
    expect(storePartition(db, "events_20250302.csv", day("2025-03-02", 30, 250), t.dir).status).toBe("added");
    enqueueRun(db, "upload");
    drainQueue(db, t.dir);
    expect(current()).toMatchObject({ inputRows: 52 });
  });

  it("a run that fails mid-way leaves the previous results in place", () => {
    const before = current()!;
    const runId = createRun(db, "rerun");
    const result = runPipeline(readPartitions(db, t.dir));
    expect(() =>
      saveRunResult(db, runId, result, {
        afterTable: (table) => {
          if (table === "EventChunk") throw new Error("disk full (simulated)");
        },
      }),
    ).toThrow("disk full");
    failRun(db, runId, "disk full (simulated)");
    expect(current()).toEqual(before);
    for (const table of ["SourceFile", "Finding", "EventChunk", "Session", "Order"]) expect(count(table, runId)).toBe(0);
    expect(storedEvents(db, runId)).toEqual([]);
    expect(db.prepare(`SELECT "status", "error" FROM "Run" WHERE "id" = ?`).get(runId)).toEqual({ status: "failed", error: "disk full (simulated)" });
  });

  it("a run left running by a restart is marked failed and can be retried", () => {
    const stuck = createRun(db, "upload"); // status running, as a killed worker leaves it
    expect(claimNextRun(db)).toBeNull(); // one at a time: nothing is claimed while one runs
    expect(recoverInterruptedRuns(db)).toBe(1);
    expect((db.prepare(`SELECT "status" FROM "Run" WHERE "id" = ?`).get(stuck) as { status: string }).status).toBe("failed");
    const retry = enqueueRun(db, "rerun");
    expect(enqueueRun(db, "rerun")).toBe(retry); // a waiting run already covers a second request
    expect(claimNextRun(db)).toBe(retry);
    expect(executeRun(db, retry, t.dir)).toBe(true);
    expect(current()!.id).toBe(retry);
  });

  it("removing a partition and re-running drops its rows", () => {
    const p = listPartitions(db).find((x) => x.name === "events_20250301.csv")!;
    removePartition(db, p.id);
    enqueueRun(db, "rerun");
    drainQueue(db, t.dir);
    expect(current()).toMatchObject({ inputRows: 31 });
  });

  it("an empty data set fails with a clear message and keeps the previous run", () => {
    const before = current();
    for (const p of listPartitions(db)) removePartition(db, p.id);
    const id = enqueueRun(db, "rerun");
    drainQueue(db, t.dir);
    expect(db.prepare(`SELECT "status", "error" FROM "Run" WHERE "id" = ?`).get(id)).toEqual({ status: "failed", error: "The data set is empty: upload event files first." });
    expect(current()).toEqual(before);
  });
});

describe("upload validation", () => {
  const good = day("2025-03-01", 3, 10);
  const check = (name: string, bytes: Buffer | null, size = bytes?.length ?? 0) => validateUpload(name, size, bytes);
  const error = (name: string, bytes: Buffer | null, size?: number) => {
    const r = check(name, bytes, size);
    return r.ok ? null : r.error;
  };

  it("accepts an event export, plain or gzipped", () => {
    expect(check("events_20250301.csv", good)).toEqual({ ok: true, name: "events_20250301.csv", rows: 4 });
    expect(check("events_20250301.csv.gz", gzipSync(good)).ok).toBe(true);
  });
  it("rejects an empty file", () => {
    expect(error("events_20250301.csv", Buffer.alloc(0))).toBe("The file is empty.");
  });
  it("rejects a binary file", () => {
    expect(error("events_20250301.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2]))).toBe("This is a binary file, not a CSV event export.");
  });
  it("rejects a CSV with unrelated columns", () => {
    expect(error("prices.csv", Buffer.from("sku,price,stock\nA,1,2\n"))).toMatch(/^This is not an event export: its columns \(sku, price, stock\)/);
  });
  it("rejects broken quoting", () => {
    const text = `${good.toString()}\nc9,"https://shop.example/,,2025-03-01T12:00:00.000Z,page_viewed,,ua\n`;
    expect(error("events_20250301.csv", Buffer.from(text))).toMatch(/^Broken CSV quoting: a quote opened on line \d+ never closes/);
  });
  it("rejects a 200 MB file with the limit in the message", () => {
    const big = Buffer.alloc(200 * 1024 * 1024, 0x61);
    expect(error("events_20250301.csv", big)).toBe("The file is 200 MB; the upload limit is 50 MB. Split it into daily files, or gzip it (.csv.gz).");
  });
  it("rejects file names with path characters", () => {
    expect(error("../../etc/passwd.csv", good)).toMatch(/path characters/);
    expect(error("C:\\temp\\events.csv", good)).toMatch(/path characters/);
    expect(error("events.txt", good)).toMatch(/must end in .csv or .csv.gz/);
    expect(error("events_20250301.csv.gz", good)).toBe("The file name ends in .gz but the file is not gzipped.");
  });
});
