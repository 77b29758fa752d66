/**
 * "What's working", "What's concerning" and "Recommendations": explicit rules over computed
 * metrics. Each rule either fires with a sentence built from the numbers, the evidence it rests on
 * (those numbers, labelled), its caveats (what could make it wrong) and a link to the page that
 * shows them, or stays silent. No text is written about particular values by hand.
 *
 * Judgement the rules keep: a channel converting below the average is never told to take more
 * budget, and budget is only ever suggested for channels bought with one (BUDGET_CHANNELS); the
 * annualised run rate is withheld below THRESHOLDS.minRunRateDays days of data.
 */
import type { ModelIntervals } from "@/lib/pipeline/bootstrap";
import { noiseSentence } from "@/lib/views/intervals";
import { BUDGET_CHANNELS, NOT_A_CHANNEL, THRESHOLDS as T } from "./thresholds";

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
  /** Caveats of the range's days (lib/views/caveats.ts): added to every insight whose evidence rests on those numbers. */
  dataCaveats?: { channels: string | null; conversion: string | null; orders: string | null };
  /** The period's channel credit, bootstrapped over its orders (lib/pipeline/bootstrap.ts): how sure a lead over the next channel is. */
  channelIntervals?: ModelIntervals | null;
  /** New vs returning per person (an earlier session on any of the person's devices) rather than per client id. */
  perPerson?: boolean;
}

export type InsightKind = "working" | "concerning" | "recommendation";

/** One number an insight rests on: "Affiliates conversion" = "0.80%". */
export interface Evidence {
  label: string;
  value: string;
}

export interface Insight {
  id: string;
  kind: InsightKind;
  text: string;
  /** The numbers the sentence rests on, each labelled (never empty). */
  evidence: Evidence[];
  /** What could make the insight wrong or weaker: small samples, the attribution model, data quality. May be empty. */
  caveats: string[];
  /** The page or section that shows those numbers. */
  link: { label: string; href: string };
}

const money = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const pct = (v: number, d = 1) => `${(v * 100).toFixed(d)}%`;
const int = (v: number) => Math.round(v).toLocaleString("en-US");
/** Credited orders can be fractional (multi-touch models): one decimal then. */
const orders = (v: number) => (Number.isInteger(v) ? int(v) : v.toFixed(1));
const cr = (s: { orders: number; sessions: number }) => (s.sessions > 0 ? s.orders / s.sessions : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${int(n)} ${n === 1 ? one : many}`;

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

/**
 * The annualised run rate: revenue per covered day x 365, only from at least
 * THRESHOLDS.minRunRateDays covered days. Fewer days are withheld with the reason: three days
 * x 365 turns a weekday pattern or one large order into millions.
 */
export function annualRunRate(revenue: number, coveredDays: number): { value: number | null; withheld: string | null } {
  if (coveredDays <= 0) return { value: null, withheld: null };
  if (coveredDays < T.minRunRateDays) return { value: null, withheld: `needs ${T.minRunRateDays} days of data, has ${coveredDays}` };
  return { value: (revenue / coveredDays) * 365, withheld: null };
}

type Rule = (i: InsightInput) => Insight | null;

const attribution = { label: "Attribution", href: "/attribution" };
const channelsOnly = (i: InsightInput) => i.channels.filter((c) => !NOT_A_CHANNEL.includes(c.channel));
const byRevenue = (cs: ChannelMetric[]) => [...cs].sort((a, b) => b.revenue - a.revenue);
const totalRevenue = (i: InsightInput) => i.channels.reduce((s, c) => s + c.revenue, 0);
/** Every channel figure is credit under one model. */
const modelCaveat = (i: InsightInput) => `Channel revenue and orders are credited under ${i.modelLabel}; another model credits channels differently (compare on the Attribution page).`;
const smallSample = (n: number, what: string) => (n < T.smallSampleOrders ? [`Only ${orders(n)} ${n === 1 ? "order" : "orders"} behind ${what}: a few orders more or less move it a lot.`] : []);
/** The top channel's lead over the next one, when the bootstrap cannot tell them apart: a caveat, never a silent ranking. */
function leadCaveat(i: InsightInput, top: string): string[] {
  const pair = i.channelIntervals?.neighbours.find((v) => v.a === top);
  if (!pair) return [];
  return [pair.withinNoise ? `${noiseSentence(pair)} The ranking of these two is not a finding.` : noiseSentence(pair)];
}

const channelEvidence = (c: ChannelMetric): Evidence[] => [
  { label: `${c.channel} conversion`, value: pct(cr(c), 2) },
  { label: `${c.channel} sessions`, value: int(c.sessions) },
  { label: `${c.channel} orders`, value: orders(c.orders) },
  { label: `${c.channel} revenue`, value: money(c.revenue) },
];

export const RULES: Rule[] = [
  // What's working
  (i) => {
    const total = totalRevenue(i);
    const top = byRevenue(channelsOnly(i))[0];
    if (!top || total <= 0 || top.revenue / total < T.topChannelShare) return null;
    return {
      id: "top-channel",
      kind: "working",
      text: `${top.channel} drove ${pct(top.revenue / total, 0)} of revenue (${money(top.revenue)}) under ${i.modelLabel}.`,
      evidence: [
        { label: `${top.channel} revenue`, value: money(top.revenue) },
        { label: "Credited revenue, all channels", value: money(total) },
        { label: `${top.channel} share`, value: pct(top.revenue / total) },
      ],
      caveats: [modelCaveat(i), ...leadCaveat(i, top.channel)],
      link: attribution,
    };
  },
  (i) => {
    if (!i.previous || i.previous.revenue <= 0) return null;
    const change = (i.current.revenue - i.previous.revenue) / i.previous.revenue;
    if (change < T.periodChange) return null;
    return {
      id: "revenue-growth",
      kind: "working",
      text: `Revenue grew ${pct(change)} against the previous period of equal length (${money(i.current.revenue)} vs ${money(i.previous.revenue)}).`,
      evidence: [
        { label: "Revenue", value: money(i.current.revenue) },
        { label: "Previous period", value: money(i.previous.revenue) },
        { label: "Orders", value: `${int(i.current.orders)} vs ${int(i.previous.orders)}` },
      ],
      caveats: smallSample(Math.min(i.current.orders, i.previous.orders), "each period's revenue"),
      link: { label: "Trend", href: "#trend" },
    };
  },
  (i) => {
    const avg = cr(i.current);
    const best = channelsOnly(i)
      .filter((c) => c.sessions >= T.minChannelSessions)
      .sort((a, b) => cr(b) - cr(a))[0];
    if (!best || avg <= 0 || cr(best) < T.channelConversionMultiple * avg) return null;
    return {
      id: "best-converting-channel",
      kind: "working",
      text: `${best.channel} converts at ${pct(cr(best), 2)}, ${(cr(best) / avg).toFixed(1)}x the ${pct(avg, 2)} average (${int(best.sessions)} sessions).`,
      evidence: [...channelEvidence(best).slice(0, 3), { label: "Average conversion", value: pct(avg, 2) }],
      caveats: [...smallSample(best.orders, `${best.channel}'s rate`), modelCaveat(i)],
      link: attribution,
    };
  },
  (i) => {
    const ret = i.newVsReturning.find((s) => s.segment === "Returning");
    const neu = i.newVsReturning.find((s) => s.segment === "New");
    if (!ret || !neu || cr(neu) <= 0 || ret.sessions < T.minChannelSessions || cr(ret) < T.returningMultiple * cr(neu)) return null;
    return {
      id: "returning-visitors",
      kind: "working",
      text: `Returning visitors convert at ${pct(cr(ret), 2)}, ${(cr(ret) / cr(neu)).toFixed(1)}x new visitors (${pct(cr(neu), 2)}).`,
      evidence: [
        { label: "Returning conversion", value: `${pct(cr(ret), 2)} (${int(ret.orders)} of ${int(ret.sessions)} sessions)` },
        { label: "New conversion", value: `${pct(cr(neu), 2)} (${int(neu.orders)} of ${int(neu.sessions)} sessions)` },
      ],
      caveats: [
        i.perPerson
          ? "Returning means an earlier session of the person, on any of their devices, in this data set: people first seen before its first day count as new."
          : "Returning means an earlier session in this data set: visitors first seen before its first day count as new.",
        ...smallSample(ret.orders, "the returning rate"),
      ],
      link: { label: "New vs returning", href: "#segments" },
    };
  },
  // What's concerning
  (i) => {
    const total = totalRevenue(i);
    const top = byRevenue(channelsOnly(i))[0];
    if (!top || total <= 0 || top.revenue / total <= T.concentrationShare) return null;
    return {
      id: "revenue-concentration",
      kind: "concerning",
      text: `${pct(top.revenue / total, 0)} of revenue depends on one channel (${top.channel}) under ${i.modelLabel}: a change there moves the whole business.`,
      evidence: [
        { label: `${top.channel} revenue`, value: money(top.revenue) },
        { label: "Credited revenue, all channels", value: money(total) },
        { label: `${top.channel} share`, value: pct(top.revenue / total) },
      ],
      caveats: [modelCaveat(i)],
      link: attribution,
    };
  },
  (i) => {
    const mobile = i.devices.find((d) => d.segment === "mobile");
    const desktop = i.devices.find((d) => d.segment === "desktop");
    if (!mobile || !desktop || mobile.sessions < T.minDeviceSessions || desktop.sessions < T.minDeviceSessions || cr(mobile) <= 0) return null;
    if (cr(desktop) < T.deviceGapMultiple * cr(mobile)) return null;
    const share = mobile.sessions / Math.max(i.current.sessions, 1);
    return {
      id: "device-gap",
      kind: "concerning",
      text: `Mobile converts at ${pct(cr(mobile), 2)} against ${pct(cr(desktop), 2)} on desktop (${(cr(desktop) / cr(mobile)).toFixed(1)}x) while it carries ${pct(share, 0)} of sessions.`,
      evidence: [
        { label: "Mobile conversion", value: `${pct(cr(mobile), 2)} (${int(mobile.orders)} of ${int(mobile.sessions)} sessions)` },
        { label: "Desktop conversion", value: `${pct(cr(desktop), 2)} (${int(desktop.orders)} of ${int(desktop.sessions)} sessions)` },
        { label: "Mobile share of sessions", value: pct(share) },
      ],
      caveats: smallSample(Math.min(mobile.orders, desktop.orders), "one of the two rates"),
      link: { label: "Devices", href: "#devices" },
    };
  },
  (i) => {
    if (i.daily.length < T.minTrendDays) return null;
    const change = fittedChange(i.daily.map((d) => d.revenue));
    if (change === null || change > -T.trendDecline) return null;
    const first = i.daily[0]!;
    const last = i.daily[i.daily.length - 1]!;
    return {
      id: "revenue-trend-down",
      kind: "concerning",
      text: `Daily revenue trends down: the fitted line falls ${pct(-change, 0)} from the first to the last day of the period.`,
      evidence: [
        { label: "Days fitted", value: int(i.daily.length) },
        { label: "Fitted change", value: `-${pct(-change)}` },
        { label: `Revenue ${first.day}`, value: money(first.revenue) },
        { label: `Revenue ${last.day}`, value: money(last.revenue) },
      ],
      caveats: i.daily.length < T.weeklyPatternDays ? [`A line fitted over ${plural(i.daily.length, "day")}: a weekly pattern can pass for a trend.`] : [],
      link: { label: "Trend", href: "#trend" },
    };
  },
  (i) => {
    if (!i.previous || i.previous.orders <= 0 || i.previous.sessions <= 0) return null;
    const change = (cr(i.current) - cr(i.previous)) / cr(i.previous);
    if (change > -T.periodChange) return null;
    return {
      id: "conversion-down",
      kind: "concerning",
      text: `Conversion rate fell ${pct(-change)} against the previous period (${pct(cr(i.current), 2)} vs ${pct(cr(i.previous), 2)}).`,
      evidence: [
        { label: "Conversion", value: `${pct(cr(i.current), 2)} (${int(i.current.orders)} of ${int(i.current.sessions)} sessions)` },
        { label: "Previous period", value: `${pct(cr(i.previous), 2)} (${int(i.previous.orders)} of ${int(i.previous.sessions)} sessions)` },
      ],
      caveats: smallSample(Math.min(i.current.orders, i.previous.orders), "each period's rate"),
      link: { label: "KPIs", href: "#kpis" },
    };
  },
  (i) => {
    const total = totalRevenue(i);
    const un = i.channels.find((c) => c.channel === "Unattributed");
    if (!un || total <= 0 || un.revenue / total <= T.unattributedShare) return null;
    return {
      id: "unattributed",
      kind: "concerning",
      text: `${pct(un.revenue / total, 0)} of revenue has no touch to credit (no client id or no session in the window).`,
      evidence: [
        { label: "Unattributed revenue", value: money(un.revenue) },
        { label: "Credited revenue, all channels", value: money(total) },
      ],
      caveats: [],
      link: attribution,
    };
  },
  (i) => {
    const spike = i.qualityIssues.find((q) => q.code === "NULL_CLIENT_ID_SPIKE");
    if (!spike) return null;
    return {
      id: "tracking-gap",
      kind: "concerning",
      text: `Tracking lost client ids on ${spike.days.join(", ")} (${int(spike.count)} events): sessions, conversion and attribution for those days are undercounted.`,
      evidence: [
        { label: "Events without a client id", value: int(spike.count) },
        { label: "Days flagged", value: spike.days.join(", ") },
      ],
      caveats: [],
      link: { label: "Data quality", href: "/data-quality" },
    };
  },
];

/**
 * Where to move budget away from a concentrated channel: the largest other source (by revenue)
 * with enough sessions that converts at least at the average. Never one converting below it.
 */
export function budgetCandidate(i: InsightInput, top: string): ChannelMetric | null {
  const avg = cr(i.current);
  return byRevenue(channelsOnly(i)).find((c) => c.channel !== top && c.sessions >= T.minChannelSessions && avg > 0 && cr(c) >= avg) ?? null;
}

/** Recommendations follow from the rules that fired, with the size of the prize where it can be computed. */
export function recommend(i: InsightInput, fired: Insight[]): Insight[] {
  const has = (id: string) => fired.some((f) => f.id === id);
  const out: Insight[] = [];
  const mobile = i.devices.find((d) => d.segment === "mobile");
  const desktop = i.devices.find((d) => d.segment === "desktop");
  if (has("device-gap") && mobile && desktop) {
    const extraOrders = (mobile.sessions * (cr(desktop) - cr(mobile))) / 2;
    const aov = i.current.orders > 0 ? i.current.revenue / i.current.orders : 0;
    out.push({
      id: "fix-mobile",
      kind: "recommendation",
      text: `Review the mobile journey and checkout: closing half the conversion gap would add about ${Math.round(extraOrders)} orders (${money(extraOrders * aov)} at the current ${money(aov)} AOV) in a period like this one.`,
      evidence: [
        { label: "Mobile sessions", value: int(mobile.sessions) },
        { label: "Conversion gap", value: `${pct(cr(desktop), 2)} desktop vs ${pct(cr(mobile), 2)} mobile` },
        { label: "Average order value", value: money(aov) },
      ],
      caveats: ["An estimate: mobile and desktop visitors differ in intent, so part of the gap may not be the site's to close."],
      link: { label: "Devices", href: "#devices" },
    });
  }
  if (has("revenue-concentration")) {
    const avg = cr(i.current);
    const top = byRevenue(channelsOnly(i))[0]!;
    const candidate = budgetCandidate(i, top.channel);
    const next = byRevenue(channelsOnly(i)).find((c) => c.channel !== top.channel);
    const average = { label: "Average conversion", value: pct(avg, 2) };
    if (candidate) {
      const how = BUDGET_CHANNELS.includes(candidate.channel) ? `test more budget in ${candidate.channel}` : `grow ${candidate.channel}`;
      out.push({
        id: "diversify",
        kind: "recommendation",
        text: `Reduce dependence on ${top.channel}: ${how}, the largest other source converting at or above the average (${pct(cr(candidate), 2)} vs ${pct(avg, 2)}; ${money(candidate.revenue)} from ${int(candidate.sessions)} sessions).`,
        evidence: [...channelEvidence(candidate), average],
        caveats: [...smallSample(candidate.orders, `${candidate.channel}'s rate`), "More traffic usually converts below the current rate: watch the rate as spend grows.", modelCaveat(i)],
        link: attribution,
      });
    } else {
      out.push({
        id: "diversify",
        kind: "recommendation",
        text: `Reduce dependence on ${top.channel}, but no other channel with at least ${T.minChannelSessions} sessions converts at the ${pct(avg, 2)} average or better, so none has earned more budget yet${next ? `: improve conversion in ${next.channel}, the next revenue source (${pct(cr(next), 2)}), first` : ""}.`,
        evidence: next ? [...channelEvidence(next), average] : [average],
        caveats: [modelCaveat(i)],
        link: attribution,
      });
    }
  }
  if (has("best-converting-channel")) {
    const best = fired.find((f) => f.id === "best-converting-channel")!;
    out.push({
      id: "scale-best",
      kind: "recommendation",
      text: `Scale what converts: ${best.text.split(" converts")[0]} turns sessions into orders best; check whether it can take more traffic at the same rate.`,
      evidence: best.evidence,
      caveats: [...best.caveats, "More traffic usually converts below the current rate."],
      link: attribution,
    });
  }
  if (has("tracking-gap")) {
    const gap = fired.find((f) => f.id === "tracking-gap")!;
    out.push({ id: "fix-tracking", kind: "recommendation", text: "Fix client id tracking before trusting attribution for the affected days; compare those days with care.", evidence: gap.evidence, caveats: [], link: { label: "Data quality", href: "/data-quality" } });
  }
  if (has("revenue-trend-down") || has("conversion-down")) {
    const behind = fired.filter((f) => f.id === "revenue-trend-down" || f.id === "conversion-down");
    out.push({
      id: "investigate-decline",
      kind: "recommendation",
      text: "Investigate the decline by channel and device first: the attribution and monitoring pages show where it starts.",
      evidence: behind.flatMap((f) => f.evidence),
      caveats: behind.flatMap((f) => f.caveats),
      link: { label: "Monitoring", href: "/monitoring" },
    });
  }
  const collision = i.qualityIssues.find((x) => x.code === "TRANSACTION_ID_COLLISION");
  if (collision) {
    out.push({
      id: "reconcile-transactions",
      kind: "recommendation",
      text: `Reconcile ${collision.count} transaction ${collision.count === 1 ? "id" : "ids"} used by two different purchases with the order system; both are counted until then.`,
      evidence: [{ label: "Shared transaction ids", value: int(collision.count) }],
      caveats: [],
      link: { label: "Data quality", href: "/data-quality" },
    });
  }
  return out;
}

/**
 * An insight whose evidence rests on days the data qualifies says so: channel insights (they link
 * to attribution) carry the channel-share caveat, insights citing a conversion rate the conversion
 * caveat, insights citing orders or revenue the shared-transaction-id caveat.
 */
export function withDataCaveats(insight: Insight, c: InputCaveats | undefined): Insight {
  if (!c) return insight;
  const labels = insight.evidence.map((e) => e.label.toLowerCase()).join(" | ");
  const add = [
    insight.link.href === "/attribution" ? c.channels : null,
    /conversion/.test(labels) ? c.conversion : null,
    /orders|revenue/.test(labels) ? c.orders : null,
  ].filter((t): t is string => t !== null && !insight.caveats.includes(t));
  return add.length ? { ...insight, caveats: [...add, ...insight.caveats] } : insight;
}
type InputCaveats = InsightInput["dataCaveats"];

export function generateInsights(i: InsightInput): { working: Insight[]; concerning: Insight[]; recommendations: Insight[] } {
  const fired = RULES.map((r) => r(i)).filter((x): x is Insight => x !== null).map((x) => withDataCaveats(x, i.dataCaveats));
  return {
    working: fired.filter((f) => f.kind === "working"),
    concerning: fired.filter((f) => f.kind === "concerning"),
    recommendations: recommend(i, fired).map((x) => withDataCaveats(x, i.dataCaveats)),
  };
}
