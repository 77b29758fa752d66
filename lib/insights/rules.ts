/**
 * "What's working", "What's concerning" and "Recommendations": explicit rules over computed
 * metrics. Each rule either fires with a sentence built from the numbers and a link to its
 * evidence, or stays silent. No text is written about particular values by hand.
 */
import { THRESHOLDS as T } from "./thresholds";

export interface ChannelMetric {
  channel: string;
  sessions: number;
  orders: number;
  revenue: number;
}
export interface SegmentMetric {
  segment: string;
  sessions: number;
  orders: number;
  revenue: number;
}
export interface PeriodKpis {
  revenue: number;
  orders: number;
  sessions: number;
}

export interface InsightInput {
  modelLabel: string;
  current: PeriodKpis;
  /** null when the previous period has no data. */
  previous: PeriodKpis | null;
  channels: ChannelMetric[];
  devices: SegmentMetric[];
  newVsReturning: SegmentMetric[];
  daily: { day: string; revenue: number; sessions: number; orders: number }[];
  /** Data quality findings that affect figures in the range. */
  qualityIssues: { code: string; count: number; days: string[]; message: string }[];
}

export type InsightKind = "working" | "concerning" | "recommendation";
export interface Insight {
  id: string;
  kind: InsightKind;
  text: string;
  evidence: { label: string; href: string };
}

const money = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const pct = (v: number, d = 1) => `${(v * 100).toFixed(d)}%`;
const cr = (s: { orders: number; sessions: number }) => (s.sessions > 0 ? s.orders / s.sessions : 0);

/** Least-squares slope of y over 0..n-1, as a share of the fitted first value across the period. */
export function fittedChange(values: number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mx = (n - 1) / 2;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  const slope = num / den;
  const start = my - slope * mx;
  const end = my + slope * mx;
  return start > 0 ? (end - start) / start : null;
}

type Rule = (i: InsightInput) => Insight | null;

const attribution = { label: "Attribution", href: "/attribution" };

export const RULES: Rule[] = [
  // What's working
  (i) => {
    const total = i.channels.reduce((s, c) => s + c.revenue, 0);
    const top = [...i.channels].sort((a, b) => b.revenue - a.revenue)[0];
    if (!top || total <= 0 || top.revenue / total < T.topChannelShare || top.channel === "Unattributed") return null;
    return { id: "top-channel", kind: "working", text: `${top.channel} drove ${pct(top.revenue / total, 0)} of revenue (${money(top.revenue)}) under ${i.modelLabel}.`, evidence: attribution };
  },
  (i) => {
    if (!i.previous || i.previous.revenue <= 0) return null;
    const change = (i.current.revenue - i.previous.revenue) / i.previous.revenue;
    if (change < T.periodChange) return null;
    return { id: "revenue-growth", kind: "working", text: `Revenue grew ${pct(change)} against the previous period of equal length (${money(i.current.revenue)} vs ${money(i.previous.revenue)}).`, evidence: { label: "Trend", href: "#trend" } };
  },
  (i) => {
    const avg = cr(i.current);
    const best = i.channels.filter((c) => c.sessions >= T.minChannelSessions && c.channel !== "Unattributed").sort((a, b) => cr(b) - cr(a))[0];
    if (!best || avg <= 0 || cr(best) < T.channelConversionMultiple * avg) return null;
    return { id: "best-converting-channel", kind: "working", text: `${best.channel} converts at ${pct(cr(best), 2)}, ${(cr(best) / avg).toFixed(1)}x the ${pct(avg, 2)} average (${best.sessions.toLocaleString("en-US")} sessions).`, evidence: attribution };
  },
  (i) => {
    const ret = i.newVsReturning.find((s) => s.segment === "Returning");
    const neu = i.newVsReturning.find((s) => s.segment === "New");
    if (!ret || !neu || cr(neu) <= 0 || ret.sessions < T.minChannelSessions || cr(ret) < T.returningMultiple * cr(neu)) return null;
    return { id: "returning-visitors", kind: "working", text: `Returning visitors convert at ${pct(cr(ret), 2)}, ${(cr(ret) / cr(neu)).toFixed(1)}x new visitors (${pct(cr(neu), 2)}).`, evidence: { label: "New vs returning", href: "#segments" } };
  },
  // What's concerning
  (i) => {
    const total = i.channels.reduce((s, c) => s + c.revenue, 0);
    const top = [...i.channels].sort((a, b) => b.revenue - a.revenue)[0];
    if (!top || total <= 0 || top.revenue / total <= T.concentrationShare) return null;
    return { id: "revenue-concentration", kind: "concerning", text: `${pct(top.revenue / total, 0)} of revenue depends on one channel (${top.channel}) under ${i.modelLabel}: a change there moves the whole business.`, evidence: attribution };
  },
  (i) => {
    const mobile = i.devices.find((d) => d.segment === "mobile");
    const desktop = i.devices.find((d) => d.segment === "desktop");
    if (!mobile || !desktop || mobile.sessions < T.minDeviceSessions || desktop.sessions < T.minDeviceSessions || cr(mobile) <= 0) return null;
    if (cr(desktop) < T.deviceGapMultiple * cr(mobile)) return null;
    return { id: "device-gap", kind: "concerning", text: `Mobile converts at ${pct(cr(mobile), 2)} against ${pct(cr(desktop), 2)} on desktop (${(cr(desktop) / cr(mobile)).toFixed(1)}x) while it carries ${pct(mobile.sessions / Math.max(i.current.sessions, 1), 0)} of sessions.`, evidence: { label: "Devices", href: "#devices" } };
  },
  (i) => {
    if (i.daily.length < T.minTrendDays) return null;
    const change = fittedChange(i.daily.map((d) => d.revenue));
    if (change === null || change > -T.trendDecline) return null;
    return { id: "revenue-trend-down", kind: "concerning", text: `Daily revenue trends down: the fitted line falls ${pct(-change, 0)} from the first to the last day of the period.`, evidence: { label: "Trend", href: "#trend" } };
  },
  (i) => {
    if (!i.previous || i.previous.orders <= 0 || i.previous.sessions <= 0) return null;
    const change = (cr(i.current) - cr(i.previous)) / cr(i.previous);
    if (change > -T.periodChange) return null;
    return { id: "conversion-down", kind: "concerning", text: `Conversion rate fell ${pct(-change)} against the previous period (${pct(cr(i.current), 2)} vs ${pct(cr(i.previous), 2)}).`, evidence: { label: "KPIs", href: "#kpis" } };
  },
  (i) => {
    const total = i.channels.reduce((s, c) => s + c.revenue, 0);
    const un = i.channels.find((c) => c.channel === "Unattributed");
    if (!un || total <= 0 || un.revenue / total <= T.unattributedShare) return null;
    return { id: "unattributed", kind: "concerning", text: `${pct(un.revenue / total, 0)} of revenue has no touch to credit (no client id or no session in the window).`, evidence: attribution };
  },
  (i) => {
    const spike = i.qualityIssues.find((q) => q.code === "NULL_CLIENT_ID_SPIKE");
    if (!spike) return null;
    return { id: "tracking-gap", kind: "concerning", text: `Tracking lost client ids on ${spike.days.join(", ")} (${spike.count.toLocaleString("en-US")} events): sessions, conversion and attribution for those days are undercounted.`, evidence: { label: "Data quality", href: "/data-quality" } };
  },
];

/** Recommendations follow from the rules that fired, with the size of the prize where it can be computed. */
export function recommend(i: InsightInput, fired: Insight[]): Insight[] {
  const has = (id: string) => fired.some((f) => f.id === id);
  const out: Insight[] = [];
  const mobile = i.devices.find((d) => d.segment === "mobile");
  const desktop = i.devices.find((d) => d.segment === "desktop");
  if (has("device-gap") && mobile && desktop) {
    const extraOrders = (mobile.sessions * (cr(desktop) - cr(mobile))) / 2;
    const aov = i.current.orders > 0 ? i.current.revenue / i.current.orders : 0;
    out.push({ id: "fix-mobile", kind: "recommendation", text: `Review the mobile journey and checkout: closing half the conversion gap would add about ${Math.round(extraOrders)} orders (${money(extraOrders * aov)} at the current ${money(aov)} AOV) in a period like this one.`, evidence: { label: "Devices", href: "#devices" } });
  }
  if (has("revenue-concentration")) {
    const second = [...i.channels].filter((c) => c.channel !== "Unattributed").sort((a, b) => b.revenue - a.revenue)[1];
    if (second) out.push({ id: "diversify", kind: "recommendation", text: `Reduce dependence on one channel: test more budget in ${second.channel}, the second revenue source (${money(second.revenue)}, converting at ${pct(cr(second), 2)}).`, evidence: attribution });
  }
  if (has("best-converting-channel")) {
    const best = fired.find((f) => f.id === "best-converting-channel")!;
    out.push({ id: "scale-best", kind: "recommendation", text: `Scale what converts: ${best.text.split(" converts")[0]} turns sessions into orders best; check whether it can take more traffic at the same rate.`, evidence: attribution });
  }
  if (has("tracking-gap")) out.push({ id: "fix-tracking", kind: "recommendation", text: "Fix client id tracking before trusting attribution for the affected days; compare those days with care.", evidence: { label: "Data quality", href: "/data-quality" } });
  if (has("revenue-trend-down") || has("conversion-down")) out.push({ id: "investigate-decline", kind: "recommendation", text: "Investigate the decline by channel and device first: the attribution and monitoring pages show where it starts.", evidence: { label: "Monitoring", href: "/monitoring" } });
  if (i.qualityIssues.some((q) => q.code === "TRANSACTION_ID_COLLISION")) {
    const q = i.qualityIssues.find((x) => x.code === "TRANSACTION_ID_COLLISION")!;
    out.push({ id: "reconcile-transactions", kind: "recommendation", text: `Reconcile ${q.count} transaction ${q.count === 1 ? "id" : "ids"} used by two different purchases with the order system; both are counted until then.`, evidence: { label: "Data quality", href: "/data-quality" } });
  }
  return out;
}

export function generateInsights(i: InsightInput): { working: Insight[]; concerning: Insight[]; recommendations: Insight[] } {
  const fired = RULES.map((r) => r(i)).filter((x): x is Insight => x !== null);
  return {
    working: fired.filter((f) => f.kind === "working"),
    concerning: fired.filter((f) => f.kind === "concerning"),
    recommendations: recommend(i, fired),
  };
}
