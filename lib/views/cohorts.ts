/**
 * Customer cohorts (pure; shared by the attribution page and its tests): customers grouped by the
 * channel of their first visit in the data and by the week of their first purchase, with how many
 * buy again and how much they spend 7, 14 and 30 days after that first purchase.
 *
 * A customer is a client id with at least one order per device, or a person (client ids joined
 * through a shared email, lib/pipeline/identity.ts) per person; orders without a client id cannot be
 * followed either way. A window of N days is only judged for customers whose first purchase is at least N
 * days before the end of the data: the others are not yet observable, and are counted as such,
 * never as customers who did not come back.
 */

export const COHORT_WINDOWS = [7, 14, 30] as const;
export type CohortWindow = (typeof COHORT_WINDOWS)[number];
const DAY_MS = 86_400_000;

export interface CohortOrder {
  /** The customer: the client id per device, the person id per person. */
  customerId: string;
  tsMs: number;
  revenueCents: number;
}

export interface WindowFigures {
  days: CohortWindow;
  /** Customers whose first purchase is at least `days` days before the end of the data. */
  observable: number;
  /** Of those, customers with another order within `days` days after the first one. */
  repeat: number;
  /** repeat / observable; null when none is observable yet. */
  repeatRate: number | null;
  /** Revenue of orders within `days` days of the first purchase (the first included), per observable customer; null when none is observable. */
  revenuePerCustomer: number | null;
}

export interface CohortRow {
  /** The first-touch channel, or the Monday (YYYY-MM-DD, UTC) of the first purchase's week. */
  key: string;
  customers: number;
  windows: WindowFigures[];
}

export interface Cohorts {
  byChannel: CohortRow[];
  byWeek: CohortRow[];
  customers: number;
  /** The end of the data the windows are judged against (epoch ms, exclusive). */
  dataEndMs: number;
}

/** The Monday of a day's ISO week, UTC. */
export function weekOf(ms: number): string {
  const d = new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

interface Customer {
  first: number;
  /** Later orders' times and revenues (cents), in time order. */
  orders: { tsMs: number; cents: number }[];
  firstCents: number;
}

function figures(members: Customer[], dataEndMs: number): WindowFigures[] {
  return COHORT_WINDOWS.map((days) => {
    let observable = 0;
    let repeat = 0;
    let cents = 0;
    for (const c of members) {
      const end = c.first + days * DAY_MS;
      if (end > dataEndMs) continue;
      observable++;
      cents += c.firstCents;
      let again = false;
      for (const o of c.orders) {
        if (o.tsMs > end) break;
        again = true;
        cents += o.cents;
      }
      if (again) repeat++;
    }
    return { days, observable, repeat, repeatRate: observable > 0 ? repeat / observable : null, revenuePerCustomer: observable > 0 ? cents / 100 / observable : null };
  });
}

/** A customer's candidate first session: per person, the first session of each of the person's client ids. */
export interface FirstSession {
  customerId: string;
  startMs: number;
  sessionId: string;
  channel: string;
}

/**
 * Each customer's first-touch channel: the channel of the earliest of its sessions, by start time;
 * sessions that start at the same millisecond (two devices) are ordered by session id, so the
 * answer does not depend on the order the rows arrive in.
 */
export function firstTouchChannels(sessions: Iterable<FirstSession>): Map<string, string> {
  const best = new Map<string, FirstSession>();
  for (const s of sessions) {
    const b = best.get(s.customerId);
    if (!b || s.startMs < b.startMs || (s.startMs === b.startMs && s.sessionId < b.sessionId)) best.set(s.customerId, s);
  }
  return new Map([...best].map(([k, s]) => [k, s.channel]));
}

/**
 * Cohorts of the given orders. `firstChannel` gives a customer's first-touch channel (its first
 * session's channel in the data; null when unknown: "Unknown"). Orders at the same time as the
 * first one count as repeat purchases (a second transaction), an order's own revenue once.
 */
export function cohorts(orders: CohortOrder[], firstChannel: (customerId: string) => string | null, dataEndMs: number): Cohorts {
  const byCustomer = new Map<string, CohortOrder[]>();
  for (const o of orders) {
    const list = byCustomer.get(o.customerId);
    if (list) list.push(o);
    else byCustomer.set(o.customerId, [o]);
  }
  const channelGroups = new Map<string, Customer[]>();
  const weekGroups = new Map<string, Customer[]>();
  const add = (map: Map<string, Customer[]>, key: string, c: Customer) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => a.tsMs - b.tsMs || a.revenueCents - b.revenueCents);
    const [first, ...rest] = list;
    const c: Customer = { first: first!.tsMs, firstCents: first!.revenueCents, orders: rest.map((o) => ({ tsMs: o.tsMs, cents: o.revenueCents })) };
    add(channelGroups, firstChannel(customerId) ?? "Unknown", c);
    add(weekGroups, weekOf(c.first), c);
  }
  const rows = (map: Map<string, Customer[]>) => [...map].map(([key, members]) => ({ key, customers: members.length, windows: figures(members, dataEndMs) }));
  return {
    byChannel: rows(channelGroups).sort((a, b) => b.customers - a.customers || a.key.localeCompare(b.key)),
    byWeek: rows(weekGroups).sort((a, b) => a.key.localeCompare(b.key)),
    customers: byCustomer.size,
    dataEndMs,
  };
}

/** What the pages and PDFs show of a data set's cohorts: the figures, in which view, and what stitching merged. */
export interface CohortView extends Pick<Cohorts, "byChannel" | "byWeek" | "customers"> {
  /** The data's last complete day the windows are judged against (YYYY-MM-DD). */
  lastDay: string | null;
  /** The view the figures are in: per person only when the run stores persons. */
  identity: "device" | "person";
  /** Buyers per device (client ids with an order) and the persons they are; null for a run stored before devices were joined. */
  merge: { deviceCustomers: number; persons: number } | null;
}

/** Shown instead of a rate no customer can be judged on yet (never 0%). */
export const NOT_YET = "not yet";

/** The windows some customer can be judged on (shown), and those none can yet (left out, and said so). */
export function shownWindows(data: Pick<Cohorts, "byChannel">): { shown: CohortWindow[]; hidden: CohortWindow[] } {
  const shown = COHORT_WINDOWS.filter((_, i) => data.byChannel.some((r) => r.windows[i]!.observable > 0));
  return { shown, hidden: COHORT_WINDOWS.filter((d) => !shown.includes(d)) };
}

/** What a customer is in the view shown, and how many devices' customers the persons are. */
export function cohortIdentityText(data: Pick<CohortView, "identity" | "merge">, asked: "device" | "person"): string {
  const int = (n: number) => n.toLocaleString("en-US");
  const merge = data.merge
    ? ` ${int(data.merge.deviceCustomers)} ${data.merge.deviceCustomers === 1 ? "customer" : "customers"} per device ${data.merge.deviceCustomers === 1 ? "is" : "are"} ${int(data.merge.persons)} ${data.merge.persons === 1 ? "person" : "persons"}.`
    : "";
  if (data.identity === "person")
    return `Per person: a customer is a person (devices joined through a shared email); the first purchase is the person's first order on any device, the first touch the channel of the person's earliest session on any device, and orders on any of the person's devices count.${merge}`;
  if (asked === "person") return "Per device: this run was stored before devices were joined into persons; the next run adds the per-person view.";
  return `Per device: a customer is a client id (a browser on a device), its first touch the channel of that client's first session.${merge}`;
}
