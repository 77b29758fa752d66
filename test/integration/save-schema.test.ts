/**
 * The save drops the data tables' secondary indexes before its bulk insert and creates them again
 * after it, inside its one transaction (lib/db/save-run.ts). After a save, published or failed
 * part-way, the database must be exactly what the Prisma migrations define: same tables, same
 * indexes, same SQL.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createRun, DATA_TABLES, failRun, saveRunResult } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";
import type { Sqlite } from "@/lib/db/sqlite";

const saved = tempDatabase();
const fresh = tempDatabase();
afterAll(() => {
  saved.cleanup();
  fresh.cleanup();
});

/** Every schema object (tables, indexes, triggers, views) with its SQL; root pages and order left out. */
const schema = (db: Sqlite) =>
  db.prepare(`SELECT "type", "name", "tbl_name", "sql" FROM sqlite_master WHERE "name" NOT LIKE 'sqlite_%' ORDER BY "type", "name"`).all();

/** 150 events (more than one INSERT batch) of 30 clients, with one purchase. */
function files() {
  const rows: string[][] = [];
  for (let i = 0; i < 150; i++) {
    const client = `1740268798-client${String(i % 30).padStart(6, "0")}`;
    const ts = `2025-03-01T${String(8 + Math.floor(i / 30)).padStart(2, "0")}:${String(i % 30).padStart(2, "0")}:00.000Z`;
    rows.push(eventRow({ client, ts, referrer: i % 3 === 0 ? "https://www.google.com/" : "" }));
  }
  rows.push(eventRow({ client: "1740268798-client000000", ts: "2025-03-01T13:00:00.000Z", event: "purchase", data: purchaseData("T-1", 120, [{ id: "A", price: 60, qty: 2 }]) }));
  return [csvFile("events_20250301.csv", rows)];
}

describe("the save leaves the schema as the migrations define it", () => {
  const result = runPipeline(files());

  it("drops and recreates only what exists: the data tables have secondary indexes to rebuild", () => {
    const indexes = saved.db
      .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN (${DATA_TABLES.map(() => "?").join(",")})`)
      .get(...DATA_TABLES) as { n: number };
    expect(indexes.n).toBeGreaterThan(5);
  });

  it("after a published save", () => {
    saveRunResult(saved.db, createRun(saved.db, "cli"), result);
    expect(storedEvents(saved.db).length).toBe(151);
    expect(schema(saved.db)).toEqual(schema(fresh.db));
    // A second save replaces the first one's rows (the path a rebuild takes).
    saveRunResult(saved.db, createRun(saved.db, "cli"), result);
    expect(storedEvents(saved.db).length).toBe(151);
    expect(schema(saved.db)).toEqual(schema(fresh.db));
    expect(saved.db.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("after a save that fails part-way (rolled back with its DDL)", () => {
    const runId = createRun(saved.db, "cli");
    expect(() =>
      saveRunResult(saved.db, runId, result, {
        afterTable: (table) => {
          if (table === "Session") throw new Error("disk full (simulated)");
        },
      }),
    ).toThrow("disk full");
    failRun(saved.db, runId, "disk full (simulated)");
    expect(schema(saved.db)).toEqual(schema(fresh.db));
    expect(storedEvents(saved.db, runId).length).toBe(0);
    expect(storedEvents(saved.db).length).toBe(151);
  });

  it("a column left out because it is null in every row reads NULL, and values are stored with their types", () => {
    // No order comes from a robot here: Order.botAgent is null in every row and is not bound.
    const order = saved.db.prepare(`SELECT "botAgent", typeof("revenueCents") AS cents, typeof("tsMs") AS ts, "collision" FROM "Order"`).get();
    expect(order).toEqual({ botAgent: null, cents: "integer", ts: "real", collision: 0 });
    const stored = storedEvents(saved.db);
    const events = {
      n: stored.length,
      noTx: stored.filter((e) => e.transactionId === null).length,
      intIds: stored.filter((e) => Number.isInteger(e.eventId)).length,
      noReferrer: stored.filter((e) => e.referrer === null).length,
    };
    expect(events).toEqual({ n: 151, noTx: 150, intIds: 151, noReferrer: 101 });
  });
});
