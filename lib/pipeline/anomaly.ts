/**
 * Z-score anomaly detection on a daily series. Each day is scored against a trailing window of
 * EARLIER days only (default 14, at least 7 points before it scores). With at least three weeks
 * of data, a day is compared with the same weekday of the trailing weeks instead (when at least
 * three such days exist), so weekly seasonality does not raise alarms. |z| > 3 is a warning,
 * |z| > 4 critical, in the metric's alarming direction only, and only when the change is also
 * material (a minimum relative or absolute change), so tiny values do not alarm. Days already
 * flagged are left out of later training windows, so one incident does not mask the next.
 */

export type Direction = "spike" | "drop" | "both";
export type Status = "PASS" | "WARNING" | "CRITICAL";

export interface DetectorOptions {
  /** Trailing training window in days (default 14). */
  window: number;
  /** Minimum earlier points before a day is scored (default 7). */
  minPoints: number;
  warnZ: number;
  criticalZ: number;
  direction: Direction;
  /** Minimum |x - mean| / |mean| for an alarm (default 0.1). */
  minRelativeChange: number;
  /** Minimum |x - mean| for an alarm, in the metric's unit (default 0). */
  minAbsoluteChange: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = {
  window: 14,
  minPoints: 7,
  warnZ: 3,
  criticalZ: 4,
  direction: "both",
  minRelativeChange: 0.1,
  minAbsoluteChange: 0,
};

export interface ScoredPoint {
  day: string;
  value: number | null;
  /** Expected value (training mean), null when not scored. */
  expected: number | null;
  lower: number | null;
  upper: number | null;
  z: number | null;
  status: Status | "NOT_SCORED";
  /** "trailing" window or "weekday" comparison; why a point was not scored otherwise. */
  basis: "trailing" | "weekday" | "insufficient history" | "no value";
}

const DAY_MS = 86_400_000;
const dayIndex = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

export function scoreSeries(points: { day: string; value: number | null }[], options: Partial<DetectorOptions> = {}): ScoredPoint[] {
  const o = { ...DEFAULT_DETECTOR, ...options };
  const sorted = [...points].sort((a, b) => a.day.localeCompare(b.day));
  const first = sorted.length ? dayIndex(sorted[0]!.day) : 0;
  const last = sorted.length ? dayIndex(sorted[sorted.length - 1]!.day) : 0;
  const weekly = last - first + 1 >= 21;
  const flagged = new Set<string>();
  return sorted.map((p) => {
    const idx = dayIndex(p.day);
    const base = { day: p.day, value: p.value, expected: null, lower: null, upper: null, z: null };
    if (p.value === null || !Number.isFinite(p.value)) return { ...base, status: "NOT_SCORED", basis: "no value" };
    const earlier = sorted.filter((q) => q.value !== null && Number.isFinite(q.value) && dayIndex(q.day) < idx && !flagged.has(q.day));
    const trailing = earlier.filter((q) => idx - dayIndex(q.day) <= o.window).map((q) => q.value!);
    const sameWeekday = earlier.filter((q) => (idx - dayIndex(q.day)) % 7 === 0 && idx - dayIndex(q.day) <= Math.max(o.window, 28)).map((q) => q.value!);
    const useWeekday = weekly && sameWeekday.length >= 3;
    const training = useWeekday ? sameWeekday : trailing;
    if (training.length < (useWeekday ? 3 : o.minPoints)) return { ...base, status: "NOT_SCORED", basis: "insufficient history" };
    const mean = training.reduce((a, b) => a + b, 0) / training.length;
    const variance = training.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(training.length - 1, 1);
    // A flat history has no spread: floor the deviation so a tiny wobble is not "infinitely" anomalous.
    const std = Math.max(Math.sqrt(variance), Math.abs(mean) * 0.01, 1e-9);
    const z = (p.value - mean) / std;
    const change = Math.abs(p.value - mean);
    const material = change >= o.minAbsoluteChange && (mean === 0 ? change > 0 : change / Math.abs(mean) >= o.minRelativeChange);
    const alarming = o.direction === "both" || (o.direction === "spike" ? z > 0 : z < 0);
    const severity: Status = !material || !alarming ? "PASS" : Math.abs(z) > o.criticalZ ? "CRITICAL" : Math.abs(z) > o.warnZ ? "WARNING" : "PASS";
    if (severity !== "PASS") flagged.add(p.day);
    return { ...base, expected: mean, lower: mean - o.warnZ * std, upper: mean + o.warnZ * std, z, status: severity, basis: useWeekday ? "weekday" : "trailing" };
  });
}

export function worst(statuses: (Status | "NOT_SCORED")[]): Status {
  return statuses.includes("CRITICAL") ? "CRITICAL" : statuses.includes("WARNING") ? "WARNING" : "PASS";
}
