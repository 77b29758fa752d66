/**
 * The attribution page per person (lib/pipeline/identity.ts): the channel rows of a model with
 * their credited orders and revenue taken from the attribution over all the buyer's devices.
 * Sessions stay as they are (a session is a device's), so the rates follow the new credit. Pure.
 */
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import type { ChannelCredit } from "@/lib/pipeline/person-attribution";

export type IdentityView = "device" | "person";
export const IDENTITIES: IdentityView[] = ["device", "person"];

export function personRows(rows: AttributionChannelRow[], byPerson: Record<string, ChannelCredit> | undefined): AttributionChannelRow[] {
  if (!byPerson) return rows;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const seen = new Set(rows.map((r) => r.channel));
  const extra = Object.keys(byPerson)
    .filter((c) => !seen.has(c))
    .map((channel) => ({ channel, sessions: 0, orders: 0, revenue: 0, conversionRate: null, aov: null, revenuePerSession: null }));
  return [...rows, ...extra]
    .map((r) => {
      const c = byPerson[r.channel] ?? { orders: 0, revenue: 0 };
      return { ...r, orders: c.orders, revenue: c.revenue, conversionRate: ratio(c.orders, r.sessions), aov: ratio(c.revenue, c.orders), revenuePerSession: ratio(c.revenue, r.sessions) };
    })
    .sort((a, b) => b.revenue - a.revenue || b.sessions - a.sessions || a.channel.localeCompare(b.channel));
}

/** What stitching devices into persons changes, in words. */
export function identityText(i: { multiDevicePersons: number; multiDeviceBuyers: number; clients: number; persons: number }, changed: { first_click: number; last_click: number }): string {
  const people = `${i.multiDevicePersons.toLocaleString("en-US")} ${i.multiDevicePersons === 1 ? "person uses" : "people use"} more than one device (${i.multiDeviceBuyers.toLocaleString("en-US")} of them bought)`;
  return `${people}: ${i.clients.toLocaleString("en-US")} client ids are ${i.persons.toLocaleString("en-US")} persons. Per person, ${changed.last_click.toLocaleString("en-US")} ${changed.last_click === 1 ? "order changes" : "orders change"} channel under last click and ${changed.first_click.toLocaleString("en-US")} under first click (7-day lookback).`;
}

/** Labels of the two views, as the toggles and PDFs print them. */
export const IDENTITY_LABELS: Record<IdentityView, string> = { device: "Per device", person: "Per person" };

/**
 * The executive summary's identity line for a period (page and PDF): which view the figures are in,
 * and what joining devices changes in the period, worded as on the attribution page.
 */
export function periodIdentityText(view: IdentityView, p: { changedOrders: { first_click: number; last_click: number }; crossDeviceBuyers: number; crossDeviceOrders: number } | null): string {
  if (!p) return "Per device: this run was stored before devices were joined into persons; the next run adds the per-person view.";
  const int = (n: number) => n.toLocaleString("en-US");
  const head =
    view === "person"
      ? "Per person: each order is credited over all the buyer's devices; new vs returning and time to purchase follow the person (an earlier session on any of their devices)."
      : "Per device: each client id (a browser on a device) is its own buyer.";
  const changed = `Per person, ${int(p.changedOrders.last_click)} ${p.changedOrders.last_click === 1 ? "order" : "orders"} of this period ${p.changedOrders.last_click === 1 ? "changes" : "change"} channel under last click and ${int(p.changedOrders.first_click)} under first click (7-day lookback)`;
  const buyers = `${int(p.crossDeviceBuyers)} cross-device ${p.crossDeviceBuyers === 1 ? "buyer" : "buyers"} (more than one device) placed ${int(p.crossDeviceOrders)} ${p.crossDeviceOrders === 1 ? "order" : "orders"}`;
  return `${head} ${changed}; ${buyers}.`;
}
