/**
 * Monitoring: can today's numbers be trusted? P0 checks (freshness, revenue reconciliation,
 * pipeline stage health), P1 (volume anomalies, data quality rates per day) and P2 (business
 * metrics per day), each with status, value, threshold and a one-line explanation. Anomaly
 * checks report the days of the recent window (the newest 7 days of data) so an old, already
 * known incident does not keep the board red forever; the full scored series is kept for charts.
 */
import type { DailyMetricRow, DailySegmentRow } from "./aggregates";
import { scoreSeries, worst, type DetectorOptions, type Direction, type ScoredPoint, type Status } from "./anomaly";
import type { Accounting } from "./quality";
import type { ValidationCheck } from "./validation";

export type Priority = "P0" | "P1" | "P2";

export interface MonitoringCheck {
  id: string;
  priority: Priority;
  status: Status;
  /** The measured value, in the unit the explanation names. */
  value: number | null;
  /** The threshold it was compared with (in words when it is not one number). */
  threshold: string;
  explanation: string;
  /** Flagged days (anomaly checks). */
  days?: string[];
}

export interface MetricSeries {
  metric: keyof typeof METRICS;
  label: string;
  priority: Priority;
  direction: Direction;
  points: ScoredPoint[];
}

export interface MonitoringReport {
  status: Status;
  /** Clock the report was evaluated against (epoch ms). */
  evaluatedAt: number;
  newestEventTs: number | null;
  checks: MonitoringCheck[];
  series: MetricSeries[];
  options: MonitoringOptions;
}

export interface MonitoringOptions {
  /** Warning / critical age of the newest event, hours. */
  freshnessWarnHours: number;
  freshnessCriticalHours: number;
  /** Trailing training window (days) and minimum points of the anomaly detector. */
  window: number;
  minPoints: number;
  /** Newest days whose anomalies set a check's status. */
  recentDays: number;
}

export const DEFAULT_MONITORING: MonitoringOptions = { freshnessWarnHours: 36, freshnessCriticalHours: 72, window: 14, minPoints: 7, recentDays: 7 };

type MetricKey = "events" | "sessions" | "orders" | "revenue" | "conversion_rate" | "aov" | "revenue_per_session" | "null_client_id_rate" | "null_referrer_rate" | "invalid_purchases";

/** Which metrics are watched, how, and at which priority. */
export const METRICS: Record<MetricKey, { label: string; priority: Priority; direction: Direction; minRelativeChange: number; minAbsoluteChange: number; unit: "count" | "rate" | "money" }> = {
  events: { label: "Events", priority: "P1", direction: "both", minRelativeChange: 0.2, minAbsoluteChange: 0, unit: "count" },
  sessions: { label: "Sessions", priority: "P1", direction: "both", minRelativeChange: 0.2, minAbsoluteChange: 0, unit: "count" },
  orders: { label: "Orders", priority: "P1", direction: "both", minRelativeChange: 0.3, minAbsoluteChange: 3, unit: "count" },
  null_client_id_rate: { label: "Empty client id rate", priority: "P1", direction: "spike", minRelativeChange: 0.5, minAbsoluteChange: 0.02, unit: "rate" },
  null_referrer_rate: { label: "Null referrer rate", priority: "P1", direction: "spike", minRelativeChange: 0.25, minAbsoluteChange: 0.1, unit: "rate" },
  invalid_purchases: { label: "Invalid purchases", priority: "P1", direction: "spike", minRelativeChange: 1, minAbsoluteChange: 3, unit: "count" },
  revenue: { label: "Revenue", priority: "P2", direction: "both", minRelativeChange: 0.3, minAbsoluteChange: 0, unit: "money" },
  conversion_rate: { label: "Conversion rate", priority: "P2", direction: "both", minRelativeChange: 0.25, minAbsoluteChange: 0, unit: "rate" },
  aov: { label: "Average order value", priority: "P2", direction: "both", minRelativeChange: 0.25, minAbsoluteChange: 0, unit: "money" },
  revenue_per_session: { label: "Revenue per session", priority: "P2", direction: "both", minRelativeChange: 0.3, minAbsoluteChange: 0, unit: "money" },
};

export interface MonitoringInput {
  daily: DailyMetricRow[];
  validation: ValidationCheck[];
  accounting: Accounting;
  timingsMs: Record<string, number>;
  newestEventTs: number | null;
  sessionizedEvents: number;
  orders: number;
  purchaseEvents: number;
  /** The loaded files' columns (for the schema check); absent in callers that predate it. */
  files?: SchemaFile[];
  /** Visitor sessions per day and channel (for the channel-mix check); absent in callers that predate it. */
  segments?: DailySegmentRow[];
}

/** A channel's share of a day's sessions must move at least this much (share points, and relative to its expected share) to alarm. */
export const CHANNEL_MIX_MIN_POINTS = 0.05;
export const CHANNEL_MIX_MIN_RELATIVE = 0.3;
const MAX_LISTED = 6;

/**
 * Each channel's share of the day's visitor sessions, scored like the daily metrics (trailing
 * window or same weekday, |z| > 3 warning, > 4 critical) and alarming only when the share moves
 * at least 5 points and 30% from its expected share. A channel absent on a day has share 0 there,
 * so a channel that appears (e.g. "Unknown (referrer not recorded)") or vanishes is caught.
 * Only the recent days set the status, as for the other anomaly checks.
 */
export function channelMixCheck(days: string[], segments: DailySegmentRow[], recent: Set<string>, o: MonitoringOptions = DEFAULT_MONITORING): MonitoringCheck {
  const dayTotals = new Map(days.map((d) => [d, 0]));
  const byChannel = new Map<string, Map<string, number>>();
  for (const s of segments) {
    if (s.dimension !== "channel" || !dayTotals.has(s.day) || s.sessions === 0) continue;
    dayTotals.set(s.day, dayTotals.get(s.day)! + s.sessions);
    let m = byChannel.get(s.value);
    if (!m) byChannel.set(s.value, (m = new Map()));
    m.set(s.day, (m.get(s.day) ?? 0) + s.sessions);
  }
  const threshold = `a channel's share of sessions moves >= ${CHANNEL_MIX_MIN_POINTS * 100} points and >= ${CHANNEL_MIX_MIN_RELATIVE * 100}% from its expected share, |z| > 3 warning, > 4 critical`;
  const moves: { channel: string; day: string; value: number; expected: number; z: number; status: Status }[] = [];
  let scored = false; // some recent day of some channel had enough history to be scored
  for (const [channel, perDay] of [...byChannel].sort((a, b) => a[0].localeCompare(b[0]))) {
    const points = scoreSeries(
      days.map((d) => ({ day: d, value: dayTotals.get(d)! > 0 ? (perDay.get(d) ?? 0) / dayTotals.get(d)! : null })),
      { window: o.window, minPoints: o.minPoints, direction: "both", minRelativeChange: CHANNEL_MIX_MIN_RELATIVE, minAbsoluteChange: CHANNEL_MIX_MIN_POINTS },
    );
    for (const p of points) {
      if (!recent.has(p.day)) continue;
      if (p.z !== null) scored = true;
      if (p.status === "WARNING" || p.status === "CRITICAL") moves.push({ channel, day: p.day, value: p.value!, expected: p.expected!, z: p.z!, status: p.status });
    }
  }
  moves.sort((a, b) => a.day.localeCompare(b.day) || Math.abs(b.z) - Math.abs(a.z));
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const biggest = moves.reduce((m, x) => Math.max(m, Math.abs(x.value - x.expected)), 0);
  const listed = moves.slice(0, MAX_LISTED).map((m) => `${m.channel} ${m.day}: ${pct(m.value)} of sessions vs expected ${pct(m.expected)} (z ${m.z.toFixed(1)})`);
  return {
    id: "channel_mix",
    priority: "P1",
    status: worst(moves.map((m) => m.status)),
    value: moves.length === 0 ? (scored ? 0 : null) : Math.round(biggest * 1000) / 10,
    threshold,
    explanation:
      !scored
        ? `Channel mix: not scored yet (needs ${o.minPoints} earlier days).`
        : moves.length === 0
          ? `Every channel's share of sessions stayed within its expected band on the recent days (${byChannel.size} channels).`
          : `${listed.join("; ")}${moves.length > MAX_LISTED ? `; and ${moves.length - MAX_LISTED} more` : ""}. A share that moves this much is a tracking change (a lost column or tag) or a real shift in traffic; check the schema check and the campaigns before reading the mix.`,
    days: [...new Set(moves.map((m) => m.day))].sort(),
  };
}

/** What the schema check reads of a file. */
export interface SchemaFile {
  name: string;
  day: string | null;
  missingColumns: string[];
  extraColumns: string[];
  aliases: { from: string; to: string }[];
}

/**
 * Each day's columns against the established baseline (the columns most days have): a column
 * missing since some day, added or renamed (an alias spelling). CRITICAL while a column the
 * metrics need is missing on the newest day; WARNING for a past gap, an added or a renamed column.
 * Every export column feeds some metric (referrer: channels; user_agent: devices and robots;
 * event_data: orders; client_id: sessions), so any missing one counts.
 */
export function schemaCheck(files: SchemaFile[]): MonitoringCheck {
  const byDay = [...files].filter((f) => f.day !== null).sort((a, b) => a.day!.localeCompare(b.day!));
  if (byDay.length === 0) return { id: "schema", priority: "P1", status: "PASS", value: 0, threshold: "every day has the established columns", explanation: "No dated files to compare.", days: [] };
  const newest = byDay.at(-1)!.day!;
  const missingDays = new Map<string, string[]>(); // column -> days it is missing
  const notes: string[] = [];
  const flagged = new Set<string>();
  for (const f of byDay) {
    for (const c of f.missingColumns) {
      missingDays.set(c, [...(missingDays.get(c) ?? []), f.day!]);
      flagged.add(f.day!);
    }
  }
  // A column is established when most days have it: one missing on most days is the new normal, still missing.
  let critical = false;
  for (const [column, days] of missingDays) {
    const current = days.includes(newest);
    if (current) critical = true;
    let since = days.at(-1)!;
    for (let i = byDay.length - 1; i >= 0 && days.includes(byDay[i]!.day!); i--) since = byDay[i]!.day!;
    notes.push(current ? `${column} missing since ${since} (${days.length} of ${byDay.length} days)` : `${column} was missing on ${days.join(", ")}`);
  }
  const added = new Map<string, string>();
  const renamed = new Map<string, string>();
  for (const f of byDay) {
    for (const c of f.extraColumns) if (!added.has(c)) added.set(c, f.day!);
    for (const a of f.aliases) if (!renamed.has(`${a.from}->${a.to}`)) renamed.set(`${a.from}->${a.to}`, f.day!);
  }
  for (const [c, day] of added) notes.push(`column ${c} added (first on ${day}; ignored)`);
  for (const [pair, day] of renamed) {
    const [from, to] = pair.split("->");
    notes.push(`${to} spelled ${from} (first on ${day}; read through the alias)`);
  }
  const status: Status = critical ? "CRITICAL" : notes.length > 0 ? "WARNING" : "PASS";
  return {
    id: "schema",
    priority: "P1",
    status,
    value: missingDays.size,
    threshold: "every day has the established columns; critical while one is missing on the newest day",
    explanation: notes.length === 0 ? `All ${byDay.length} days have the established columns.` : `${notes.join("; ")}.${critical ? " Figures that rest on a missing column are unknown for those days (e.g. channels without a referrer)." : ""}`,
    days: [...flagged].sort(),
  };
}

/** Stages every run must have timed. */
export const REQUIRED_STAGES = ["ingest", "normalize", "quality", "events", "sessions", "orders", "attribution", "aggregates", "validation"];

export function freshnessCheck(newestEventTs: number | null, now: number, o: MonitoringOptions = DEFAULT_MONITORING): MonitoringCheck {
  if (newestEventTs === null) return { id: "freshness", priority: "P0", status: "CRITICAL", value: null, threshold: `${o.freshnessWarnHours} h / ${o.freshnessCriticalHours} h`, explanation: "No events loaded: nothing to be fresh." };
  const hours = (now - newestEventTs) / 3_600_000;
  const status: Status = hours > o.freshnessCriticalHours ? "CRITICAL" : hours > o.freshnessWarnHours ? "WARNING" : "PASS";
  return {
    id: "freshness",
    priority: "P0",
    status,
    value: Math.round(hours * 10) / 10,
    threshold: `warning > ${o.freshnessWarnHours} h, critical > ${o.freshnessCriticalHours} h`,
    explanation: `Newest event ${new Date(newestEventTs).toISOString().slice(0, 16).replace("T", " ")} UTC is ${hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`} old.`,
  };
}

export function monitor(input: MonitoringInput, now: number, options: Partial<MonitoringOptions> = {}): MonitoringReport {
  const o = { ...DEFAULT_MONITORING, ...options };
  const checks: MonitoringCheck[] = [freshnessCheck(input.newestEventTs, now, o)];

  const revenueChecks = input.validation.filter((v) => v.name === "revenue_purchases_to_orders" || v.name.startsWith("revenue_conservation_"));
  const broken = revenueChecks.filter((v) => !v.passed);
  checks.push({
    id: "revenue_reconciliation",
    priority: "P0",
    status: broken.length > 0 || revenueChecks.length === 0 ? "CRITICAL" : "PASS",
    value: broken.length,
    threshold: "0 differences (to the cent)",
    explanation: broken.length === 0 ? `Valid purchases = orders = every attribution model (${revenueChecks.length} reconciliations, to the cent).` : `Revenue does not reconcile: ${broken.map((b) => `${b.name} (${b.detail})`).join("; ")}.`,
  });

  const a = input.accounting;
  const missingStages = REQUIRED_STAGES.filter((s) => !(s in input.timingsMs));
  const loadedShare = a.inputRows > 0 ? a.loadedRows / a.inputRows : 0;
  const sessionizedShare = a.loadedRows > 0 ? input.sessionizedEvents / a.loadedRows : 0;
  const failedValidation = input.validation.filter((v) => !v.passed);
  const problems = [
    missingStages.length ? `stages that did not run: ${missingStages.join(", ")}` : "",
    loadedShare < 0.9 ? `only ${(loadedShare * 100).toFixed(1)}% of input rows loaded (< 90%)` : "",
    sessionizedShare < 0.8 ? `only ${(sessionizedShare * 100).toFixed(1)}% of loaded events sessionized (< 80%)` : "",
    input.orders > input.purchaseEvents ? "more orders than purchase events" : "",
    failedValidation.length ? `${failedValidation.length} validation checks failed` : "",
  ].filter(Boolean);
  const warnOnly = problems.length > 0 && missingStages.length === 0 && failedValidation.length === 0 && loadedShare >= 0.8;
  checks.push({
    id: "pipeline_health",
    priority: "P0",
    status: problems.length === 0 ? "PASS" : warnOnly ? "WARNING" : "CRITICAL",
    value: Math.round(loadedShare * 1000) / 10,
    threshold: "every stage ran; >= 90% of rows loaded; >= 80% of events sessionized; all validation checks pass",
    explanation: problems.length === 0 ? `All ${REQUIRED_STAGES.length} stages ran; ${(loadedShare * 100).toFixed(1)}% of rows loaded, ${(sessionizedShare * 100).toFixed(1)}% of events sessionized, ${input.validation.length} validation checks passed.` : `Stage health: ${problems.join("; ")}.`,
  });

  if (input.files) checks.push(schemaCheck(input.files));

  const series: MetricSeries[] = [];
  // Partial days (stray events outside every loaded file's day) are not days of data: not scored, not charted.
  const days = input.daily.filter((d) => !d.partial);
  const recent = new Set(days.slice(-o.recentDays).map((d) => d.day));
  if (input.segments) checks.push(channelMixCheck(days.map((d) => d.day), input.segments, recent, o));
  for (const [key, m] of Object.entries(METRICS) as [MetricKey, (typeof METRICS)[MetricKey]][]) {
    const detector: Partial<DetectorOptions> = { window: o.window, minPoints: o.minPoints, direction: m.direction, minRelativeChange: m.minRelativeChange, minAbsoluteChange: m.minAbsoluteChange };
    const points = scoreSeries(days.map((d) => ({ day: d.day, value: d[key] })), detector);
    series.push({ metric: key, label: m.label, priority: m.priority, direction: m.direction, points });
    const recentPoints = points.filter((p) => recent.has(p.day));
    const flagged = recentPoints.filter((p) => p.status === "WARNING" || p.status === "CRITICAL");
    const scored = recentPoints.filter((p) => p.z !== null);
    const strongest = [...flagged, ...scored].sort((x, y) => Math.abs(y.z ?? 0) - Math.abs(x.z ?? 0))[0];
    const fmt = (v: number) => (m.unit === "rate" ? `${(v * 100).toFixed(2)}%` : m.unit === "money" ? `$${v.toFixed(2)}` : Math.round(v).toLocaleString("en-US"));
    checks.push({
      id: `anomaly_${key}`,
      priority: m.priority,
      status: worst(flagged.map((p) => p.status)),
      value: strongest?.z === null || strongest === undefined ? null : Math.round(strongest.z * 100) / 100,
      threshold: `|z| > 3 warning, > 4 critical (${m.direction}); change >= ${Math.round(m.minRelativeChange * 100)}%${m.minAbsoluteChange ? ` and >= ${fmt(m.minAbsoluteChange)}` : ""}`,
      explanation:
        scored.length === 0
          ? `${m.label}: not scored yet (needs ${o.minPoints} earlier days).`
          : flagged.length === 0
            ? `${m.label} within the expected band on the ${scored.length} recent scored days.`
            : `${m.label} ${flagged.map((p) => `${p.day}: ${fmt(p.value!)} vs expected ${fmt(p.expected!)} (z ${p.z!.toFixed(1)})`).join("; ")}.`,
      days: flagged.map((p) => p.day),
    });
  }
  return { status: worst(checks.map((c) => c.status)), evaluatedAt: now, newestEventTs: input.newestEventTs, checks, series, options: o };
}
