/**
 * Normalize: raw string columns → typed columns. Event aliases (`purchase`), strict ISO 8601
 * timestamps, parsed `event_data`, URL host/path/parameters, referrer domain, and device / OS /
 * browser from the user agent (ua-parser-js). Nothing is dropped here: the parse status of every
 * row is kept so the quality stage can decide and count. The one exception is an item quantity or
 * price that is not a usable number: it is read as missing, and the purchase keeps the count.
 */
import { botFamily } from "./bots";
import { UAParser } from "ua-parser-js";
import type { RawRows } from "./ingest";
import { MAX_ITEM_PRICE, MAX_ITEM_QUANTITY, MAX_ORDER_REVENUE, MAX_TIMESTAMP_YEAR, MIN_TIMESTAMP_YEAR, storableText } from "./limits";
import { EVENT_ALIASES, KNOWN_EVENTS, type KnownEvent, type PurchaseItem } from "./types";

export interface ParsedUrl {
  host: string | null;
  path: string | null;
  /** Query parameters (names as written, values as written: hashed in these exports). */
  params: Record<string, string>;
}

export interface Device {
  deviceType: "mobile" | "tablet" | "desktop";
  os: string;
  browser: string;
  /** Robot family when the agent is a crawler or automation (lib/pipeline/bots.ts), else null. */
  bot: string | null;
}

export interface Purchase {
  transactionId: string | null;
  revenue: number | null;
  items: PurchaseItem[];
  userEmail: string | null;
  /**
   * Why the purchase cannot be trusted, as `column value: what is wrong`, or null: revenue that is
   * not a finite number, negative zero or above MAX_ORDER_REVENUE; a numeric id that cannot be read
   * exactly (not a safe integer); a NUL character in a text value. Quarantined as INVALID_VALUE.
   */
  invalid: string | null;
  /** Item quantities and prices dropped (read as missing) because they were not usable numbers. */
  droppedItemValues: number;
  /** The first dropped item value, described; null when none was dropped. */
  droppedItemDetail: string | null;
}

/** Typed columns, index-aligned with RawRows. */
export interface NormalizedRows {
  length: number;
  clientId: (string | null)[];
  ts: Float64Array; // epoch ms, NaN when invalid
  /** Canonical event name, or null when the name is outside the tracking plan. */
  eventName: (KnownEvent | null)[];
  /** `ok` (parsed or empty) or `invalid` (event_data did not parse). */
  dataStatus: Uint8Array; // 0 = empty, 1 = parsed, 2 = invalid
  purchase: (Purchase | null)[];
  url: ParsedUrl[];
  referrerDomain: (string | null)[];
  device: Device[];
  /** `user_email` of the event's data (purchases and email captures; a SHA-256 hash), null when none. */
  email: (string | null)[];
}

export const DATA_EMPTY = 0;
export const DATA_PARSED = 1;
export const DATA_INVALID = 2;

/** Epoch ms of a valid `YYYY-MM-DD` day (keyed y*10000+m*100+d), NaN for an impossible one. */
const dayStart = new Map<number, number>();

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Strict ISO 8601 UTC (`2025-02-23T00:00:01.750Z`, 0–3 fraction digits): impossible dates are
 * invalid, not rolled over, and so are years outside MIN_TIMESTAMP_YEAR..MAX_TIMESTAMP_YEAR (a year
 * 9999 or 0025 is a broken clock, not an event: it would pose as the newest event or be read as
 * 1925 by Date.UTC). Read by character codes, with each calendar day validated once.
 */
export function parseTimestamp(text: string | null): number {
  if (!text) return NaN;
  const len = text.length;
  if (len !== 20 && (len < 22 || len > 24)) return NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(len - 1) !== 90) return NaN;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  const h = twoDigits(text, 11);
  const mi = twoDigits(text, 14);
  const s = twoDigits(text, 17);
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return NaN;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  let ms = 0;
  if (len > 20) {
    if (text.charCodeAt(19) !== 46) return NaN;
    for (let k = 20, scale = 100; k < len - 1; k++, scale /= 10) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return NaN;
      ms += digit * scale;
    }
  }
  const y = y1 * 100 + y2;
  if (y < MIN_TIMESTAMP_YEAR || y > MAX_TIMESTAMP_YEAR) return NaN;
  const key = y * 10_000 + mo * 100 + d;
  let day = dayStart.get(key);
  if (day === undefined) {
    const t = Date.UTC(y, mo - 1, d);
    dayStart.set(key, (day = new Date(t).getUTCDate() === d ? t : NaN));
  }
  return day + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

const known = new Set<string>(KNOWN_EVENTS);
export function canonicalEvent(name: string | null): KnownEvent | null {
  if (!name) return null;
  const n = name.trim();
  if (known.has(n)) return n as KnownEvent;
  return EVENT_ALIASES[n] ?? null;
}

const EMPTY_URL: ParsedUrl = { host: null, path: null, params: {} };

/**
 * A plain http(s) URL whose host, path and query hold only characters the WHATWG URL parser
 * keeps as written (no port, percent escape, `+`, dot segment, IPv4-like or punycode host): then
 * host, path and parameters can be read off the text directly, several times faster than
 * `new URL` (clickstream landing URLs are nearly all unique: click ids). Anything else goes
 * through `new URL`; a test holds both to the same answers.
 */
const SIMPLE_URL = /^https?:\/\/([A-Za-z0-9.-]+)(\/[A-Za-z0-9\-._~!$&'()*,;=:@/]*)?(?:\?([A-Za-z0-9\-._~!$()*,;=:@/?&]*))?(?:#.*)?$/i;
const NUMERIC_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

export function parseSimpleUrl(text: string): ParsedUrl | null {
  const m = SIMPLE_URL.exec(text);
  if (!m) return null;
  const host = m[1]!;
  const path = m[2] ?? "/";
  if (host.startsWith(".") || host.includes("..") || NUMERIC_LABEL.test(host) || /xn--/i.test(host) || DOT_SEGMENT.test(path)) return null;
  // No prototype: a parameter named `toString`, `constructor` or `__proto__` is kept like any other.
  const params: Record<string, string> = Object.create(null);
  const query = m[3];
  if (query) {
    for (const pair of query.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (!(key in params)) params[key] = eq === -1 ? "" : pair.slice(eq + 1);
    }
  }
  return { host: host.toLowerCase(), path, params };
}

export function parseUrl(text: string | null): ParsedUrl {
  if (!text) return EMPTY_URL;
  return parseSimpleUrl(text) ?? parseUrlWhatwg(text);
}

/** Any URL through the WHATWG parser (`new URL`); the first value of a repeated parameter wins. */
export function parseUrlWhatwg(text: string): ParsedUrl {
  try {
    const u = new URL(text);
    const params: Record<string, string> = Object.create(null);
    u.searchParams.forEach((value, key) => {
      if (!(key in params)) params[key] = value;
    });
    return { host: u.hostname.toLowerCase(), path: u.pathname, params };
  } catch {
    return EMPTY_URL;
  }
}

/** Host of a referrer URL, lower-cased; also accepts app referrers such as `android-app://com.x`. */
export function referrerDomain(text: string | null): string | null {
  if (!text) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(text.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}

export function parseUserAgent(ua: string | null): Device {
  if (!ua) return { deviceType: "desktop", os: "Unknown", browser: "Unknown", bot: null };
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  return {
    deviceType: type === "mobile" ? "mobile" : type === "tablet" ? "tablet" : "desktop",
    os: r.os.name ?? "Unknown",
    browser: r.browser.name ?? "Unknown",
    bot: botFamily(ua),
  };
}

function toText(v: unknown): string | null {
  if (typeof v === "string" && v.trim() !== "") return v;
  if (typeof v === "number") return String(v);
  return null;
}

/** Absent, null or blank: the value was not recorded. */
const isMissing = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A recorded value as a number: numbers as they are, text through Number(); NaN for anything else. */
const asNumber = (v: unknown): number => (typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN);

/** A value as written, short and storable (for details). */
function shown(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  return storableText(JSON.stringify(v) ?? String(v), 80);
}

/** What is wrong with a recorded revenue, or null (fine or missing: missing is INVALID_PURCHASE's). */
function revenueProblem(v: unknown): string | null {
  if (isMissing(v)) return null;
  const x = asNumber(v);
  if (!Number.isFinite(x)) return `revenue ${shown(v)}: not a finite number`;
  if (Object.is(x, -0)) return `revenue ${shown(v)}: negative zero`;
  if (x > MAX_ORDER_REVENUE) return `revenue ${shown(v)}: above the ceiling of ${MAX_ORDER_REVENUE} per order`;
  return null;
}

/** An id must read back exactly: text without NUL, or a number that is a safe integer (below 2^53). */
function idProblem(name: string, v: unknown): string | null {
  if (typeof v === "number" && !Number.isSafeInteger(v)) return `${name} ${shown(v)}: a number that cannot be read exactly (not an integer below 2^53)`;
  return textProblem(name, v);
}

function textProblem(name: string, v: unknown): string | null {
  return typeof v === "string" && v.includes("\u0000") ? `${name} ${shown(v)}: contains a NUL character` : null;
}

/** An item quantity or price: null when missing, undefined when recorded but not usable (dropped). */
function measure(v: unknown, max: number): number | null | undefined {
  if (isMissing(v)) return null;
  const x = asNumber(v);
  if (!Number.isFinite(x) || x < 0 || x > max) return undefined;
  return x + 0; // negative zero reads as zero
}

function measureProblem(name: string, v: unknown, max: number): string {
  const x = asNumber(v);
  return `${name} ${shown(v)}: ${!Number.isFinite(x) ? "not a finite number" : x < 0 ? "negative" : `above the ceiling of ${max}`}`;
}

export function readPurchase(data: Record<string, unknown> | null): Purchase {
  const rawItems = Array.isArray(data?.items) ? (data.items as unknown[]) : [];
  let invalid = idProblem("transaction_id", data?.transaction_id) ?? revenueProblem(data?.revenue) ?? textProblem("user_email", data?.user_email);
  let droppedItemValues = 0;
  let droppedItemDetail: string | null = null;
  const items: PurchaseItem[] = rawItems.map((it, k) => {
    const o = (it && typeof it === "object" ? it : {}) as Record<string, unknown>;
    invalid ??= idProblem(`items[${k}].item_id`, o.item_id) ?? textProblem(`items[${k}].item_name`, o.item_name) ?? textProblem(`items[${k}].item_variant`, o.item_variant);
    let quantity = measure(o.quantity, MAX_ITEM_QUANTITY);
    let price = measure(o.item_price, MAX_ITEM_PRICE);
    if (quantity === undefined) {
      droppedItemValues++;
      droppedItemDetail ??= measureProblem(`items[${k}].quantity`, o.quantity, MAX_ITEM_QUANTITY);
      quantity = null;
    }
    if (price === undefined) {
      droppedItemValues++;
      droppedItemDetail ??= measureProblem(`items[${k}].item_price`, o.item_price, MAX_ITEM_PRICE);
      price = null;
    }
    return {
      item_id: toText(o.item_id),
      item_name: toText(o.item_name),
      item_variant: toText(o.item_variant),
      quantity,
      item_price: price,
    };
  });
  const revenue = isMissing(data?.revenue) ? null : asNumber(data?.revenue);
  return {
    transactionId: toText(data?.transaction_id),
    revenue: revenue !== null && Number.isFinite(revenue) ? revenue : null,
    items,
    userEmail: toText(data?.user_email),
    invalid,
    droppedItemValues,
    droppedItemDetail,
  };
}

/** Memoizes a string → value parse (URLs and user agents repeat a lot). */
function memo<T>(fn: (s: string | null) => T): (s: string | null) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (s === null) return fn(null);
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size < 500_000) cache.set(s, v);
    }
    return v;
  };
}

export function normalize(raw: RawRows): NormalizedRows {
  const n = raw.length;
  const { columns } = raw;
  const clientId: (string | null)[] = new Array(n);
  const ts = new Float64Array(n);
  const eventName: (KnownEvent | null)[] = new Array(n);
  const dataStatus = new Uint8Array(n);
  const purchase: (Purchase | null)[] = new Array(n);
  const url: ParsedUrl[] = new Array(n);
  const refDomain: (string | null)[] = new Array(n);
  const device: Device[] = new Array(n);
  const email: (string | null)[] = new Array(n).fill(null);
  const urlOf = memo(parseUrl);
  const refOf = memo(referrerDomain);
  const uaOf = memo(parseUserAgent);
  const eventOf = memo(canonicalEvent);

  for (let i = 0; i < n; i++) {
    const cid = columns.client_id[i];
    clientId[i] = cid && cid.trim() !== "" ? cid.trim() : null;
    ts[i] = parseTimestamp(columns.timestamp[i] ?? null);
    const ev = eventOf(columns.event_name[i] ?? null);
    eventName[i] = ev;
    const text = columns.event_data[i];
    let parsed: Record<string, unknown> | null = null;
    if (text && text.trim() !== "") {
      try {
        const v: unknown = JSON.parse(text);
        if (v && typeof v === "object" && !Array.isArray(v)) {
          parsed = v as Record<string, unknown>;
          dataStatus[i] = DATA_PARSED;
        } else dataStatus[i] = DATA_INVALID;
      } catch {
        dataStatus[i] = DATA_INVALID;
      }
    }
    purchase[i] = ev === "checkout_completed" && dataStatus[i] !== DATA_INVALID ? readPurchase(parsed) : null;
    const mail = parsed?.user_email;
    if (typeof mail === "string" && mail.trim() !== "") email[i] = mail.trim();
    url[i] = urlOf(columns.page_url[i] ?? null);
    refDomain[i] = refOf(columns.referrer[i] ?? null);
    device[i] = uaOf(columns.user_agent[i] ?? null);
  }
  return { length: n, clientId, ts, eventName, dataStatus, purchase, url, referrerDomain: refDomain, device, email };
}
