/**
 * The BOT_TRAFFIC finding and summary: crawler and automation events (by user agent,
 * lib/pipeline/bots.ts), the sessions they start and their clients, by agent family and by day.
 * A session is a robot's when its landing event's agent is; an order is flagged when its purchase
 * event's agent is (it stays an order: revenue is never dropped).
 */
import type { ColumnTable } from "arquero";
import type { SessionColumns } from "./sessions";
import { col } from "./table";
import type { Finding } from "./types";

export interface BotFamily {
  family: string;
  events: number;
  sessions: number;
  clients: number;
}

export interface BotSummary {
  /** true when the data set counts robots as visitors (a setting); false by default. */
  included: boolean;
  events: number;
  sessions: number;
  clients: number;
  /** Orders whose purchase event came from a robot's agent (kept, flagged). */
  orders: number;
  /** Share of loaded events and of all sessions. */
  eventShare: number;
  sessionShare: number;
  families: BotFamily[];
  byDay: { day: string; events: number; sessions: number }[];
}

export interface BotTraffic {
  summary: BotSummary;
  finding: Finding | null;
  /** Per order row, the robot family of its purchase event (null for a person's). */
  orderBot: (string | null)[];
}

const fmt = (n: number) => n.toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function botTraffic(events: ColumnTable, sessions: SessionColumns, orders: ColumnTable, included: boolean): BotTraffic {
  const family = col<string | null>(events, "bot_family");
  const day = col<string>(events, "event_date");
  const client = col<string | null>(events, "client_id");
  const file = col<string>(events, "file");
  const line = col<number>(events, "line");
  const eventId = col<number>(events, "event_id");
  const byFamily = new Map<string, BotFamily & { clientSet: Set<string>; first: number }>();
  const byDay = new Map<string, { day: string; events: number; sessions: number }>();
  const dayOf = (d: string) => {
    let r = byDay.get(d);
    if (!r) byDay.set(d, (r = { day: d, events: 0, sessions: 0 }));
    return r;
  };
  const botOfEvent = new Map<number, string>();
  const clients = new Set<string>();
  let botEvents = 0;
  for (let i = 0; i < family.length; i++) {
    const f = family[i];
    if (f == null) continue;
    botEvents++;
    botOfEvent.set(eventId[i]!, f);
    let g = byFamily.get(f);
    if (!g) byFamily.set(f, (g = { family: f, events: 0, sessions: 0, clients: 0, clientSet: new Set(), first: i }));
    g.events++;
    const c = client[i];
    if (c != null) {
      g.clientSet.add(c);
      clients.add(c);
    }
    dayOf(day[i]!).events++;
  }
  let botSessions = 0;
  for (let s = 0; s < sessions.length; s++) {
    const f = sessions.bot_family[s];
    if (f == null) continue;
    botSessions++;
    byFamily.get(f)!.sessions++;
    dayOf(sessions.start_date[s]!).sessions++;
  }
  const orderEvent = col<number>(orders, "event_id");
  const orderBot = Array.from(orderEvent, (e) => botOfEvent.get(e) ?? null);
  const families = [...byFamily.values()]
    .map((g) => ({ family: g.family, events: g.events, sessions: g.sessions, clients: g.clientSet.size, first: g.first }))
    .sort((a, b) => b.events - a.events || a.family.localeCompare(b.family));
  const summary: BotSummary = {
    included,
    events: botEvents,
    sessions: botSessions,
    clients: clients.size,
    orders: orderBot.filter((b) => b !== null).length,
    eventShare: family.length > 0 ? botEvents / family.length : 0,
    sessionShare: sessions.length > 0 ? botSessions / sessions.length : 0,
    families: families.map(({ first: _first, ...f }) => f),
    byDay: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
  if (botEvents === 0) return { summary, finding: null, orderBot };
  const top = families.slice(0, 3).map((f) => `${f.family} ${fmt(f.events)}`).join(", ");
  const fate = included ? "counted as visitors (the data set's setting)" : "left out of visitor metrics and attribution";
  const ordersNote = summary.orders > 0 ? `; ${fmt(summary.orders)} purchase${summary.orders === 1 ? "" : "s"} from robot agents kept as orders and flagged` : "";
  return {
    summary,
    orderBot,
    finding: {
      code: "BOT_TRAFFIC",
      severity: "warning",
      file: null,
      day: null,
      count: botEvents,
      message: `${fmt(botEvents)} events (${pct(summary.eventShare)}) from crawlers and automation (${top}${families.length > 3 ? ", …" : ""}): ${fmt(botSessions)} sessions (${pct(summary.sessionShare)}) of ${fmt(clients.size)} clients, ${fate}${ordersNote}`,
      examples: families.slice(0, 10).map((f) => ({ file: file[f.first]!, line: line[f.first]!, value: `${f.family}: ${fmt(f.events)} events, ${fmt(f.sessions)} sessions, ${fmt(f.clients)} clients` })),
    },
  };
}
