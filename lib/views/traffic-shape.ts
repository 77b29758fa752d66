/**
 * Pure shaping of the Traffic page's data, shared by the page, its CSVs and its PDF: the funnel
 * steps with their rates, how a raw (possibly hashed) source / medium / campaign value is shown,
 * and the sentence that names the filters a view or PDF shows. No React, no Node imports.
 */
import type { TrafficMetrics } from "@/lib/db/queries/traffic";

/** The landing pages and source / medium / campaign rows a view lists (the most sessions first). */
export const LANDING_PAGE_LIMIT = 50;
export const SOURCE_LIMIT = 200;

export interface FunnelStep {
  step: string;
  sessions: number;
  /** Share of all sessions that reached this step. */
  ofSessions: number | null;
  /** Share of the previous step's sessions that went on to this one (null for the first step). */
  ofPrevious: number | null;
}

const share = (a: number, b: number) => (b > 0 ? a / b : null);

/** Sessions → product view → add to cart → checkout → purchase, each with its share of all sessions and of the step before. */
export function funnelSteps(m: Pick<TrafficMetrics, "sessions" | "productViews" | "addToCarts" | "checkouts" | "purchases">): FunnelStep[] {
  const counts: [string, number][] = [
    ["Sessions", m.sessions],
    ["Product view", m.productViews],
    ["Add to cart", m.addToCarts],
    ["Checkout", m.checkouts],
    ["Purchase", m.purchases],
  ];
  return counts.map(([step, sessions], i) => ({ step, sessions, ofSessions: share(sessions, m.sessions), ofPrevious: i === 0 ? null : share(sessions, counts[i - 1]![1]) }));
}

/**
 * How a source, medium or campaign value is shown: the value as exported, with the name behind it
 * when it is a hash the dictionaries know ("AE24AC (cpc)"); "(none)" when the session has none
 * (untagged, direct, or a referrer the file did not record: the channel says which).
 */
export function valueLabel(value: string | null, decoded: string | null): string {
  if (value === null || value === "") return "(none)";
  return decoded ? `${value} (${decoded})` : value;
}

/** "1 visitor session", "13,464 visitor sessions". */
export function sessionCount(n: number): string {
  return `${n.toLocaleString("en-US")} visitor session${n === 1 ? "" : "s"}`;
}

/** The filters a view shows, in words: "Paid Search · mobile", or "all channels and devices". */
export function filterText(f: { channel: string | null; device: string | null }): string {
  const parts = [f.channel, f.device].filter((v): v is string => v !== null);
  return parts.length > 0 ? parts.join(" · ") : "all channels and devices";
}

/** The query string of the Traffic PDF for what a view shows: its period (as dates) and filters. */
export function trafficSearch(t: { range: { from: string; to: string }; filters: { channel: string | null; device: string | null } }): string {
  const p = new URLSearchParams({ from: t.range.from, to: t.range.to });
  if (t.filters.channel) p.set("channel", t.filters.channel);
  if (t.filters.device) p.set("device", t.filters.device);
  return p.toString();
}
