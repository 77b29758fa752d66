/** Loaded events and empty client ids per event date (not per file): the data quality page's daily series. */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

const op = aq.op;

export interface DailyQuality {
  day: string;
  events: number;
  nullClientIdEvents: number;
  nullClientIdRate: number;
  nullReferrerRate: number;
}

export function dailyQuality(events: ColumnTable): DailyQuality[] {
  if (events.numRows() === 0) return [];
  return events
    .groupby("event_date")
    .rollup({
      events: op.count(),
      nullClientIdEvents: (d: { client_id: string | null }) => op.sum(d.client_id == null ? 1 : 0),
      nullReferrer: (d: { referrer: string | null }) => op.sum(d.referrer == null ? 1 : 0),
    })
    .orderby("event_date")
    .objects()
    .map((o) => {
      const row = o as { event_date: string; events: number; nullClientIdEvents: number; nullReferrer: number };
      return {
        day: row.event_date,
        events: row.events,
        nullClientIdEvents: row.nullClientIdEvents,
        nullClientIdRate: row.nullClientIdEvents / row.events,
        nullReferrerRate: row.nullReferrer / row.events,
      };
    });
}
