/**
 * Session timeout analysis: the distribution of gaps between a client's consecutive events, so
 * the 30-minute inactivity rule is justified by the data rather than assumed.
 */
const MINUTE = 60_000;

/** Histogram buckets, upper bounds in minutes (the last is open). */
export const GAP_BUCKETS: { label: string; maxMinutes: number }[] = [
  { label: "< 1 min", maxMinutes: 1 },
  { label: "1–5 min", maxMinutes: 5 },
  { label: "5–10 min", maxMinutes: 10 },
  { label: "10–15 min", maxMinutes: 15 },
  { label: "15–30 min", maxMinutes: 30 },
  { label: "30–60 min", maxMinutes: 60 },
  { label: "1–2 h", maxMinutes: 120 },
  { label: "2–6 h", maxMinutes: 360 },
  { label: "6–24 h", maxMinutes: 1440 },
  { label: "> 24 h", maxMinutes: Number.POSITIVE_INFINITY },
];

export const GAP_THRESHOLDS = [5, 10, 15, 30, 60] as const;

export interface GapAnalysis {
  /** Consecutive-event gaps measured (events of clients with at least two events). */
  gaps: number;
  buckets: { label: string; maxMinutes: number; count: number }[];
  /** Share of gaps at or under each threshold (minutes). */
  shareUnder: { minutes: number; share: number }[];
  medianMinutes: number | null;
  p90Minutes: number | null;
  timeoutMinutes: number;
}

/**
 * @param gapsMs the gaps between each client's consecutive events (time order), in ms: the
 *   sessionization pass measures them on the same ordering it cuts sessions on
 */
export function analyzeGaps(gapsMs: ArrayLike<number>, timeoutMinutes: number): GapAnalysis {
  const values = new Float64Array(gapsMs.length);
  for (let i = 0; i < values.length; i++) values[i] = gapsMs[i]! / MINUTE;
  values.sort();
  // Sorted values fill the buckets in order: each bucket's count is a span of the array.
  const buckets = GAP_BUCKETS.map((b) => ({ ...b, count: 0 }));
  let from = 0;
  for (const b of buckets) {
    const to = b === buckets[buckets.length - 1] ? values.length : countUpTo(values, b.maxMinutes, true);
    b.count = to - from;
    from = to;
  }
  const shareUnder = GAP_THRESHOLDS.map((m) => ({ minutes: m, share: values.length ? countUpTo(values, m, false) / values.length : 0 }));
  const at = (q: number) => (values.length ? values[Math.min(values.length - 1, Math.floor(q * values.length))]! : null);
  return { gaps: values.length, buckets, shareUnder, medianMinutes: at(0.5), p90Minutes: at(0.9), timeoutMinutes };
}

/** How many values of a sorted array are below x (`strict`) or at most x. */
function countUpTo(sorted: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? sorted[mid]! < x : sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
