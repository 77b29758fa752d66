/**
 * Data-driven attribution: a first-order Markov chain with removal effects (Anderl, Becker, von
 * Wangenheim and Schumann, "Mapping the customer journey", 2016) and a Shapley value over the
 * channel sets of converting journeys (Shapley 1953, applied to attribution by Shao and Li 2011 and
 * Dalessandro et al. 2012; the "simplified" characteristic function below is the one Zhao et al.
 * 2018 write down). Written from the papers' definitions; docs/metrics.md states the rules.
 *
 * A journey is a channel sequence, oldest first, that converted or not. Both models reduce the
 * journeys of one lookback window to one number per channel; an order's revenue is then split over
 * the channels of its own journey in proportion to those numbers (lib/pipeline/attribution.ts).
 * Everything here works on counts (integers), so the result does not depend on the order journeys
 * arrive in, and channels are solved in one fixed order: the same journeys give the same numbers.
 */
import { CHANNELS } from "./constants";

/** Up to this many channels the Shapley value is computed exactly over all 2^n coalitions. */
export const SHAPLEY_EXACT_MAX_CHANNELS = 15;

/** Channel names by index, shared by the journey sets of a run: the known channels first (in CHANNELS order), others as they come. */
export class ChannelIndex {
  readonly names: string[] = [...CHANNELS];
  private readonly index = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
  of(channel: string): number {
    let i = this.index.get(channel);
    if (i === undefined) {
      i = this.names.length;
      if (i >= STRIDE - 3) throw new Error(`data-driven attribution handles at most ${STRIDE - 3} channels`);
      this.names.push(channel);
      this.index.set(channel, i);
    }
    return i;
  }
}

/** Journeys of one lookback window, reduced to what the two models need. */
export class JourneySet {
  /** Transition counts, dense: [from * STRIDE + to]; from START, to CONVERSION or NULL. */
  private readonly transitions = new Float64Array(STRIDE * STRIDE);
  /** Converting journeys per channel set (sorted channel indexes joined by ","). */
  private readonly conversionsBySet = new Map<string, number>();
  converting = 0;
  nonConverting = 0;

  constructor(readonly channelIndex: ChannelIndex = new ChannelIndex()) {}

  private get channels(): string[] {
    return this.channelIndex.names;
  }

  /** Adds the journey path[from..to) of channel indexes (ChannelIndex), oldest first; an empty one is ignored. */
  addIndexes(path: ArrayLike<number>, converted: boolean, from = 0, to = path.length): void {
    if (to <= from) return;
    let state = START;
    for (let k = from; k < to; k++) {
      const next = path[k]!;
      this.count(state, next);
      state = next;
    }
    this.count(state, converted ? CONVERSION : NULL);
    if (!converted) {
      this.nonConverting++;
      return;
    }
    this.converting++;
    const members = new Set<number>();
    for (let k = from; k < to; k++) members.add(path[k]!);
    const set = [...members].sort((a, b) => a - b).join(",");
    this.conversionsBySet.set(set, (this.conversionsBySet.get(set) ?? 0) + 1);
  }

  add(channels: readonly string[], converted: boolean): void {
    this.addIndexes(channels.map((c) => this.channelIndex.of(c)), converted);
  }

  private count(from: number, to: number): void {
    this.transitions[from * STRIDE + to]!++;
  }

  /** The channels that occur in some journey, in index order. */
  private present(): number[] {
    const seen = new Set<number>();
    for (let key = 0; key < this.transitions.length; key++) {
      const to = key % STRIDE;
      if (this.transitions[key]! > 0 && to < STRIDE - 3) seen.add(to);
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** Markov chain of the journeys: transition probabilities and the conversion probability. */
  markov(): MarkovResult {
    const channels = this.present();
    const n = channels.length;
    const pos = new Map(channels.map((c, i) => [c, i]));
    // Rows: start (n), channels 0..n-1; columns: channels 0..n-1, conversion (n), null (n+1).
    const counts = Array.from({ length: n + 1 }, () => new Float64Array(n + 2));
    for (let key = 0; key < this.transitions.length; key++) {
      const value = this.transitions[key]!;
      if (value === 0) continue;
      const from = Math.floor(key / STRIDE);
      const to = key % STRIDE;
      const row = from === START ? n : pos.get(from)!;
      const column = to === CONVERSION ? n : to === NULL ? n + 1 : pos.get(to)!;
      counts[row]![column]! += value;
    }
    const p = counts.map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      return Array.from(row, (v) => (total > 0 ? v / total : 0));
    });
    const conversion = conversionProbability(p, n, -1);
    const removalEffects = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const without = conversionProbability(p, n, i);
      removalEffects.set(this.channels[channels[i]!]!, conversion > 0 ? 1 - without / conversion : 0);
    }
    return { states: channels.map((c) => this.channels[c]!), probabilities: p, conversion, removalEffects };
  }

  /**
   * Shapley values of the game v(S) = number of converting journeys whose channel set lies within
   * S. Exact over all coalitions of the channels that occur in converting journeys (at most
   * SHAPLEY_EXACT_MAX_CHANNELS); beyond that the same values from the closed form this game has
   * (each journey's conversion shared equally by its distinct channels).
   */
  shapley(): Map<string, number> {
    const sets = [...this.conversionsBySet].map(([key, count]) => ({ members: key.split(",").map(Number), count }));
    const channels = [...new Set(sets.flatMap((s) => s.members))].sort((a, b) => a - b);
    const out = new Map<string, number>();
    const n = channels.length;
    if (n > SHAPLEY_EXACT_MAX_CHANNELS) {
      for (const { members, count } of sets) for (const m of members) out.set(this.channels[m]!, (out.get(this.channels[m]!) ?? 0) + count / members.length);
      return out;
    }
    const bit = new Map(channels.map((c, i) => [c, i]));
    const v = new Float64Array(1 << n);
    for (const { members, count } of sets) v[members.reduce((mask, m) => mask | (1 << bit.get(m)!), 0)]! += count;
    // v(S) = sum of the counts of the sets within S (a sum over subsets, one channel at a time).
    for (let i = 0; i < n; i++) for (let mask = 0; mask < 1 << n; mask++) if (mask & (1 << i)) v[mask]! += v[mask ^ (1 << i)]!;
    const values = shapleyValues(v, n);
    channels.forEach((c, i) => out.set(this.channels[c]!, values[i]!));
    return out;
  }
}

export interface MarkovResult {
  /** The channel states of the chain, in solving order. */
  states: string[];
  /** Transition probabilities: rows channels (states order) then start; columns channels, conversion, null. */
  probabilities: number[][];
  /** P(conversion) from the start state. */
  conversion: number;
  /** Per channel: 1 - P(conversion with the channel removed) / P(conversion). */
  removalEffects: Map<string, number>;
}

/** Room for 61 channels (there are 10) and the start, conversion and null states. */
const STRIDE = 64;
const START = STRIDE - 3;
const CONVERSION = STRIDE - 2;
const NULL = STRIDE - 1;

/**
 * P(reaching conversion from start) in the absorbing chain `p` with n channel states (row n is
 * start, column n conversion, n + 1 null). `removed` >= 0: that channel becomes the null state
 * (every transition into it is lost). Solves (I - Q) x = r for the channels' absorption
 * probabilities by Gaussian elimination with partial pivoting.
 */
function conversionProbability(p: number[][], n: number, removed: number): number {
  const a = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) row[j] = (i === j ? 1 : 0) - (i === removed || j === removed ? 0 : p[i]![j]!);
    row[n] = i === removed ? 0 : p[i]![n]!;
    if (i === removed) row[i] = 1;
    return row;
  });
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const d = a[c]![c]!;
    if (d === 0) continue; // cannot happen for an absorbing chain: every state reaches conversion or null
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const x = a.map((row, i) => (row[i] === 0 ? 0 : row[n]! / row[i]!));
  let total = 0;
  for (let j = 0; j < n; j++) if (j !== removed) total += p[n]![j]! * x[j]!;
  return total;
}

/**
 * Exact Shapley values of a game on n players given as v[mask] over all 2^n coalitions:
 * phi_i = sum over S without i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)).
 */
export function shapleyValues(v: ArrayLike<number>, n: number): number[] {
  if (n > SHAPLEY_EXACT_MAX_CHANNELS) throw new Error(`exact Shapley values for at most ${SHAPLEY_EXACT_MAX_CHANNELS} players`);
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1]! * k);
  const weight = Array.from({ length: n }, (_, s) => (factorial[s]! * factorial[n - s - 1]!) / factorial[n]!);
  const size = new Uint8Array(1 << n);
  for (let mask = 1; mask < 1 << n; mask++) size[mask] = size[mask >> 1]! + (mask & 1);
  const phi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const b = 1 << i;
    for (let mask = 0; mask < 1 << n; mask++) if (!(mask & b)) phi[i]! += weight[size[mask]!]! * (v[mask | b]! - v[mask]!);
  }
  return phi;
}

/**
 * Weights of an order's touches (oldest first) given one value per channel: each distinct channel of
 * the journey gets value / (sum of the journey's distinct channels' values), shared equally by its
 * touches. When those values sum to 0 (or a channel has none) the touches share equally.
 */
export function weightsByChannelValue(touches: readonly { channel: string }[], value: ReadonlyMap<string, number>): number[] {
  const perChannel = new Map<string, number>();
  for (const t of touches) perChannel.set(t.channel, (perChannel.get(t.channel) ?? 0) + 1);
  let sum = 0;
  let usable = true;
  for (const c of perChannel.keys()) {
    const v = value.get(c);
    if (v === undefined || !Number.isFinite(v) || v < 0) usable = false;
    else sum += v;
  }
  if (!usable || !(sum > 0)) return touches.map(() => 1 / touches.length);
  return touches.map((t) => value.get(t.channel)! / sum / perChannel.get(t.channel)!);
}

/** Visitor sessions as sessionize lays them out: a client's sessions adjacent, oldest first. */
export interface SessionsLike {
  length: number;
  client_id: ArrayLike<string>;
  start_ts: ArrayLike<number>;
  channel: ArrayLike<string>;
}

const DAY_MS = 86_400_000;

/**
 * Non-converting journeys: for every client without an order, the sessions that started within the
 * lookback before the start of the client's last session, up to and including it (the touch rule of
 * attribution with the last session in place of the purchase). One journey per client and window.
 */
export function addNonConverting(sets: readonly { lookback: number; journeys: JourneySet }[], sessions: SessionsLike, buyers: ReadonlySet<string | null>): void {
  if (sets.length === 0) return;
  const channels = sets[0]!.journeys.channelIndex;
  if (sets.some((s) => s.journeys.channelIndex !== channels)) throw new Error("journey sets must share one channel index");
  const index = new Int32Array(sessions.length);
  for (let i = 0; i < sessions.length; i++) index[i] = channels.of(sessions.channel[i]!);
  eachNonConvertingJourney(sessions, buyers, sets.map((s) => s.lookback), (l, from, to) => sets[l]!.journeys.addIndexes(index, false, from, to));
}

/**
 * The non-converting journeys, as session index ranges: for every client without an order and every
 * lookback (by its position in `lookbacks`), the sessions [from, to) that started within the lookback
 * before the start of the client's last session, up to and including it. Shared by the data-driven
 * models and the non-converting paths, so both read the same journeys.
 */
export function eachNonConvertingJourney(sessions: SessionsLike, buyers: ReadonlySet<string | null>, lookbacks: readonly number[], visit: (lookback: number, from: number, to: number) => void): void {
  const client = sessions.client_id;
  const start = sessions.start_ts;
  for (let b = 0; b < sessions.length; ) {
    let e = b + 1;
    while (e < sessions.length && client[e] === client[b]) e++;
    if (!buyers.has(client[b]!)) {
      const last = start[e - 1]!;
      lookbacks.forEach((lookback, l) => {
        let k = e - 1;
        while (k > b && start[k - 1]! >= last - lookback * DAY_MS) k--;
        visit(l, k, e);
      });
    }
    b = e;
  }
}
