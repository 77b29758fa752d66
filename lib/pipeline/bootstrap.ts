/**
 * How sure the channel credits are: a bootstrap over orders. The orders of the data set are drawn
 * with replacement, as many as there are, `resamples` times (a fixed seed: every run of the same
 * data gives the same intervals); each draw credits every channel with the revenue its drawn
 * orders give it under a model. The 5th and 95th percentiles of those totals (and of the shares)
 * are the channel's 90% interval. The same draws serve every model, so models are compared on the
 * same resampled order sets. Two channels are "within noise" of each other when the 90% interval
 * of the difference of their revenues contains zero; channels next to each other in the revenue
 * ranking are compared (`notRanked`, e.g. Unattributed, is left out of the ranking).
 */

export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 20_251_203;
export const INTERVAL_LEVEL = 0.9;

/** One order's credited revenue per channel under one model (cents). */
export type OrderCredits = ReadonlyMap<string, number>;

export interface ChannelInterval {
  /** Revenue (dollars) of the actual data, and the 90% interval of the resampled totals. */
  revenue: number;
  revenueLow: number;
  revenueHigh: number;
  /** Share of revenue, and its 90% interval. */
  share: number;
  shareLow: number;
  shareHigh: number;
}

export interface NoiseVerdict {
  a: string;
  b: string;
  /** 90% interval of revenue(a) − revenue(b), dollars. */
  low: number;
  high: number;
  /** The interval contains zero: the data cannot tell the two apart. */
  withinNoise: boolean;
}

export interface ModelIntervals {
  channels: Record<string, ChannelInterval>;
  /** Channels next to each other in the revenue ranking, compared. */
  neighbours: NoiseVerdict[];
}

/** A small, fast, seeded generator (mulberry32): the draws are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The q-quantile of sorted values, interpolated between the two nearest ranks (R's type 7). */
export function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * 90% intervals per model and channel. `byModel` holds, per model, the orders' credits in the
 * same order of orders (index i is the same order under every model).
 */
export function bootstrapIntervals(byModel: Record<string, OrderCredits[]>, options: { resamples?: number; seed?: number; notRanked?: ReadonlySet<string> } = {}): Record<string, ModelIntervals> {
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const models = Object.keys(byModel);
  const n = models.length > 0 ? byModel[models[0]!]!.length : 0;
  for (const m of models) if (byModel[m]!.length !== n) throw new Error(`bootstrap: model ${m} has ${byModel[m]!.length} orders, expected ${n}`);
  // Sparse cents per model: each order's few (channel, cents) pairs. A draw is turned into how many
  // times each order was drawn, so a resample costs the orders' pairs, not orders × channels.
  // Cents are integers: the sums are exact whatever the order of addition.
  const sparse = models.map((m) => {
    const channels = [...new Set(byModel[m]!.flatMap((o) => [...o.keys()]))].sort();
    const index = new Map(channels.map((c, i) => [c, i]));
    const offsets = new Int32Array(n + 1);
    byModel[m]!.forEach((o, i) => (offsets[i + 1] = offsets[i]! + o.size));
    const chan = new Int32Array(offsets[n]!);
    const val = new Float64Array(offsets[n]!);
    byModel[m]!.forEach((o, i) => {
      let k = offsets[i]!;
      for (const [c, v] of o) {
        chan[k] = index.get(c)!;
        val[k++] = v;
      }
    });
    // The data's own totals, in the same exact arithmetic.
    const actual = new Float64Array(channels.length);
    for (let k = 0; k < val.length; k++) actual[chan[k]!] = actual[chan[k]!]! + val[k]!;
    return { channels, offsets, chan, val, width: channels.length, actual };
  });
  const totals = sparse.map((d) => Array.from({ length: d.width }, () => new Float64Array(resamples)));
  const random = seededRandom(seed);
  const times = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    times.fill(0);
    for (let k = 0; k < n; k++) times[Math.floor(random() * n)]!++;
    sparse.forEach((d, m) => {
      const sums = new Float64Array(d.width);
      for (let i = 0; i < n; i++) {
        const t = times[i]!;
        if (t === 0) continue;
        for (let k = d.offsets[i]!; k < d.offsets[i + 1]!; k++) sums[d.chan[k]!] = sums[d.chan[k]!]! + t * d.val[k]!;
      }
      for (let c = 0; c < d.width; c++) totals[m]![c]![b] = sums[c]!;
    });
  }
  const tail = (1 - INTERVAL_LEVEL) / 2;
  const out: Record<string, ModelIntervals> = {};
  sparse.forEach((d, m) => {
    const actual = d.actual;
    const total = actual.reduce((a, v) => a + v, 0);
    const drawTotals = new Float64Array(resamples);
    for (let c = 0; c < d.width; c++) for (let b = 0; b < resamples; b++) drawTotals[b] = drawTotals[b]! + totals[m]![c]![b]!;
    const channels: Record<string, ChannelInterval> = {};
    d.channels.forEach((name, c) => {
      const revenue = Float64Array.from(totals[m]![c]!).sort();
      const share = Float64Array.from(totals[m]![c]!, (v, b) => (drawTotals[b]! > 0 ? v / drawTotals[b]! : 0)).sort();
      channels[name] = {
        revenue: actual[c]! / 100,
        revenueLow: Math.round(quantile(revenue, tail)) / 100,
        revenueHigh: Math.round(quantile(revenue, 1 - tail)) / 100,
        share: total > 0 ? actual[c]! / total : 0,
        shareLow: quantile(share, tail),
        shareHigh: quantile(share, 1 - tail),
      };
    });
    const ranked = d.channels
      .map((name, c) => ({ name, c }))
      .filter((x) => !options.notRanked?.has(x.name))
      .sort((x, y) => actual[y.c]! - actual[x.c]! || x.name.localeCompare(y.name));
    const neighbours: NoiseVerdict[] = [];
    for (let r = 0; r + 1 < ranked.length; r++) {
      const { name: a, c: ca } = ranked[r]!;
      const { name: b, c: cb } = ranked[r + 1]!;
      const diff = Float64Array.from(totals[m]![ca]!, (v, k) => v - totals[m]![cb]![k]!).sort();
      const low = Math.round(quantile(diff, tail)) / 100;
      const high = Math.round(quantile(diff, 1 - tail)) / 100;
      neighbours.push({ a, b, low, high, withinNoise: low <= 0 && high >= 0 });
    }
    out[models[m]!] = { channels, neighbours };
  });
  return out;
}
