/** Small builders shared by tests of pages' data shapes, reports and views. */
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import type { KpiSet } from "@/lib/db/queries/executive-summary";

/**
 * KPIs of a period fully covered by data, derived from its totals. The run rate is revenue per day
 * x 365 from 28 days of data on; below that it is withheld (docs/metrics.md), written out here.
 */
export const kpiSet = (revenue: number, orders: number, sessions: number, days: number): KpiSet => ({
  revenue,
  orders,
  sessions,
  aov: orders > 0 ? revenue / orders : null,
  conversionRate: sessions > 0 ? orders / sessions : null,
  revenuePerSession: sessions > 0 ? revenue / sessions : null,
  annualRunRate: days >= 28 ? (revenue / days) * 365 : null,
  annualRunRateWithheld: days >= 28 ? null : `needs 28 days of data, has ${days}`,
  days,
  coveredDays: days,
});

/** One channel row of the attribution views, ratios derived from the totals. */
export const channelRow = (channel: string, sessions: number, orders: number, revenue: number): AttributionChannelRow => ({
  channel,
  sessions,
  orders,
  revenue,
  conversionRate: sessions > 0 ? orders / sessions : null,
  aov: orders > 0 ? revenue / orders : null,
  revenuePerSession: sessions > 0 ? revenue / sessions : null,
});
