/** The events a database stores, read back through lib/db/event-chunks.ts (the only reader of the chunks). */
import { EVENT_COLUMNS, eventRows } from "@/lib/db/event-chunks";
import type { Sqlite } from "@/lib/db/sqlite";

export type StoredEvent = Record<string, string | number | null> & { runId: number };

/** Every stored event of `runId`, or of every run holding events, as objects keyed by the former Event table's column names (`tsMs` holds the exported timestamp text). */
export function storedEvents(db: Sqlite, runId?: number): StoredEvent[] {
  const runs = runId === undefined ? (db.prepare(`SELECT DISTINCT "runId" FROM "EventChunk" ORDER BY "runId"`).pluck().all() as number[]) : [runId];
  const out: StoredEvent[] = [];
  for (const run of runs) {
    for (const row of eventRows(db, run)) {
      const event = { runId: run } as StoredEvent;
      EVENT_COLUMNS.forEach((name, i) => (event[name] = row[i]!));
      out.push(event);
    }
  }
  return out;
}
