/**
 * Seeded pseudo-random number generator (sfc32) for the demo data generator.
 * Same seed → same sequence on every platform; no Math.random anywhere in the data path.
 */

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX_UPPER = "0123456789ABCDEF";

/** 32-bit string hash (cyrb53-style mixing, truncated) used to derive independent sub-seeds. */
export function hashSeed(...parts: (string | number)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Derive an independent generator for a named sub-stream. */
  static derive(seed: number, ...parts: (string | number)[]): Rng {
    return new Rng(hashSeed(seed, ...parts));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponentially distributed value with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Pick by weight; `weights[i]` belongs to `items[i]`. For hot paths prefer a `WeightedTable`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return new WeightedTable(items, weights).pick(this);
  }

  private chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }

  /** Random id from [A-Za-z0-9_-]. */
  urlSafe(length: number): string {
    return this.chars(URL_SAFE, length);
  }

  alnum(length: number): string {
    return this.chars(ALNUM, length);
  }

  /** Upper-case hex, e.g. a hashed parameter value of a random click id. */
  hexUpper(length: number): string {
    return this.chars(HEX_UPPER, length);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** Items with precomputed cumulative weights, for fast repeated weighted picks. */
export class WeightedTable<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new Error("weighted table needs one weight per item");
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += w));
    this.total = sum;
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    const c = this.cumulative;
    let i = 0;
    while (i < c.length - 1 && r >= (c[i] as number)) i++;
    return this.items[i] as T;
  }
}
