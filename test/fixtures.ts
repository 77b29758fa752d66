/** Small builders shared by tests of pages' data shapes, reports and views. */
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import type { KpiSet } from "@/lib/db/queries/executive-summary";

/** KPIs of a period fully covered by data, derived from its totals. */
export const kpiSet = (revenue: number, orders: number, sessions: number, days: number): KpiSet => ({
  revenue,
  orders,
  sessions,
  aov: orders > 0 ? revenue / orders : null,
  conversionRate: sessions > 0 ? orders / sessions : null,
  revenuePerSession: sessions > 0 ? revenue / sessions : null,
  annualRunRate: (revenue / days) * 365,
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
