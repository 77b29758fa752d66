/**
 * Tagging conflicts: landings with an ad click id (gclid, …) and utm tags that name another
 * channel (e.g. gclid with utm_medium=Affiliates). Which wins is the data set's precedence
 * setting; this counts the visitor sessions where the two readings differ, by pair, and how much
 * first- and last-click revenue (default lookback) would move under the other reading.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { attribute, groupTouches } from "./attribution";
import type { Precedence } from "./channels";
import { DEFAULT_LOOKBACK_DAYS } from "./constants";
import type { SessionColumns } from "./sessions";
import { col } from "./table";
import type { Finding } from "./types";

export interface TaggingSummary {
  precedence: Precedence;
  /** Visitor sessions whose channel differs under the other precedence. */
  conflicts: number;
  pairs: { channel: string; other: string; sessions: number }[];
  /** Credited revenue per channel now and under the other reading (first and last click, default lookback). */
  moves: { model: "first_click" | "last_click"; channel: string; revenue: number; otherRevenue: number }[];
}

const fmt = (n: number) => n.toLocaleString("en-US");
const usd = (cents: number) => `$${fmt(Math.round(cents / 100))}`;

export function taggingConflicts(visitors: SessionColumns, orders: ColumnTable, credits: ColumnTable, precedence: Precedence): { summary: TaggingSummary; finding: Finding | null } {
  const pairs = new Map<string, { channel: string; other: string; sessions: number }>();
  let conflicts = 0;
  for (let i = 0; i < visitors.length; i++) {
    const a = visitors.channel[i]!;
    const b = visitors.alt_channel[i]!;
    if (a === b) continue;
    conflicts++;
    const key = `${a}\u0001${b}`;
    const p = pairs.get(key) ?? { channel: a, other: b, sessions: 0 };
    p.sessions++;
    pairs.set(key, p);
  }
  const summary: TaggingSummary = { precedence, conflicts, pairs: [...pairs.values()].sort((x, y) => y.sessions - x.sessions), moves: [] };
  if (conflicts === 0) return { summary, finding: null };

  // Credit under the other reading: the same touches with the other channel.
  const touchpoints = aq.table({ session_id: visitors.session_id, client_id: visitors.client_id, ts: visitors.start_ts, channel: visitors.alt_channel });
  const other = attribute(orders, groupTouches(touchpoints, new Set(col<string | null>(orders, "client_id"))), [DEFAULT_LOOKBACK_DAYS]);
  const sums = (table: ColumnTable, model: string) => {
    const m = new Map<string, number>();
    const [models, lbs, channels, cents] = [col<string>(table, "model"), col<number>(table, "lookback_days"), col<string>(table, "channel"), col<number>(table, "revenue_cents")];
    for (let i = 0; i < models.length; i++) if (models[i] === model && lbs[i] === DEFAULT_LOOKBACK_DAYS) m.set(channels[i]!, (m.get(channels[i]!) ?? 0) + cents[i]!);
    return m;
  };
  for (const model of ["first_click", "last_click"] as const) {
    const now = sums(credits, model);
    const then = sums(other, model);
    for (const channel of new Set([...now.keys(), ...then.keys()])) {
      const a = now.get(channel) ?? 0;
      const b = then.get(channel) ?? 0;
      if (a !== b) summary.moves.push({ model, channel, revenue: a / 100, otherRevenue: b / 100 });
    }
  }
  summary.moves.sort((x, y) => x.model.localeCompare(y.model) || Math.abs(y.otherRevenue - y.revenue) - Math.abs(x.otherRevenue - x.revenue));
  const top = summary.pairs[0]!;
  const lastClick = summary.moves.filter((m) => m.model === "last_click");
  const moved = lastClick.reduce((s, m) => s + Math.max(0, m.otherRevenue - m.revenue), 0) * 100;
  const reading = precedence === "utm" ? "the utm tags win (the data set's setting; GA4 lets the click id win)" : "the click id wins (the data set's setting, as GA4)";
  return {
    summary,
    finding: {
      code: "TAGGING_CONFLICT",
      severity: "warning",
      file: null,
      day: null,
      count: conflicts,
      message: `${fmt(conflicts)} visitor session${conflicts === 1 ? "" : "s"} landed with an ad click id and utm tags naming another channel (most: ${top.channel} by the tags vs ${top.other} by the click id, ${fmt(top.sessions)}); ${reading}. The other reading would move ${usd(moved)} of last-click revenue (7-day lookback).`,
      examples: [], // pairs and moves: the JSON summary's `tagging` and the Attribution page
    },
  };
}
