/**
 * Demo data generator: daily event exports of the fictional store Dreamloft, in exactly the format
 * of the real exports (docs/DOMAIN.md), with a controlled set of planted defects. Deterministic:
 * the same options give byte-identical files (no clock, no Math.random). One day is built in
 * memory at a time and written while the next day is generated (at most two days in memory).
 *
 * Each planted defect sits on its own row (defects never overlap), so quality checks can be
 * asserted against `planted` exactly.
 *
 * Planted cross-device journeys (`planted.crossDevice`): a person clicks a paid search, paid social
 * or email link on the phone and leaves their email on the popup, then 1–5 days later comes back
 * on a computer, typed in (Direct), and buys with the same email. Person-level attribution credits
 * the click; per device the order is Direct. Every other visitor's email is derived from its own
 * client id, so these are the data set's only clients that share an email.
 */
import { mkdir } from "node:fs/promises";
import { resolve, join } from "node:path";
import { Rng, WeightedTable } from "./rng";
import { HOURS, HOUR_WEIGHTS, STORE_ORIGIN, UNKNOWN_EVENTS } from "./catalog";
import { Journeys, TxIds, csvField, type Purchase, type Row, type Visitor } from "./journeys";
import { ChunkWriter, COMMA, DAY_MS, LF, isoTimestamp, throwIfFailed, writeDay } from "./writer";

export interface DefectRates {
  /** Files with index % n === n-1 spell the header `clientId` (0 = never). */
  headerAliasEveryNthFile: number;
  /** 0-based file indexes without a `referrer` column. */
  missingReferrerFileIndexes: number[];
  /** Share of rows with an empty client_id. */
  nullClientIdRate: number;
  /** 0-based day indexes with the spike rate; negative values count from the end (-2 = days-2). */
  nullClientIdSpikeDays: number[];
  nullClientIdSpikeRate: number;
  /** Share of purchases with revenue 0 and one all-null item. */
  invalidPurchaseRate: number;
  /** Total number of transaction ids used by two different purchases. */
  transactionIdCollisions: number;
  /** Share of rows written twice (exact copy, right after the original). */
  duplicateRowRate: number;
  /** Share of purchases whose revenue differs from sum(item_price*quantity) by >= 1.00. */
  revenueItemsMismatchRate: number;
  /** Share of rows with broken JSON in event_data (on email_filled_on_popup rows). */
  invalidJsonRate: number;
  /** Share of rows with an unparseable timestamp. */
  invalidTimestampRate: number;
  /** Share of rows with a valid timestamp on the previous or next day. */
  outsidePartitionRate: number;
  /** Share of rows with an event name outside the tracking plan. */
  unknownEventRate: number;
  /** Total number of purchases with revenue >= 40,000 (items consistent). */
  revenueOutliers: number;
  /** Robot sessions (crawlers, an SEO audit, a headless browser) per landing of a person (BOT_TRAFFIC). */
  robotSessionRate: number;
}

export interface DemoOptions {
  days: number;
  eventsPerDay: number;
  seed: number;
  /** YYYY-MM-DD, the last day. */
  endDate: string;
  gzip?: boolean;
  defects?: Partial<DefectRates>;
  /**
   * Cross-device journeys planted per purchase of the day's traffic, on the days whose journey can
   * still buy 1-5 days later (0..1; default DEFAULT_CROSS_DEVICE_RATE). Not a defect: real people
   * do this. Each adds one valid order to the traffic's.
   */
  crossDeviceRate?: number;
}

/** About 2 cross-device journeys per 100 purchases: a handful in the 14-day demo. */
export const DEFAULT_CROSS_DEVICE_RATE = 0.02;

/** One planted cross-device journey: what the pipeline must find, from the generator's plan. */
export interface PlantedCrossDevice {
  /** The person's `user_email` (SHA-256 hash), on the first device's email capture and on the purchase. */
  email: string;
  /** Client id of the first device (a phone): one session, the first touch, with the email capture. */
  firstClient: string;
  /** Channel of that session as the generator made it: "Paid Search", "Paid Social" or "Email". */
  firstChannel: string;
  /** Start of the first session (ms since the epoch). */
  firstTs: number;
  /** Client id of the second device (a computer): one Direct session, ending in the purchase. */
  buyClient: string;
  /** Start of the buying session and the purchase time (ms); 1–5 days after `firstTs`'s day. */
  buyTs: number;
  purchaseTs: number;
  orderTransactionId: string;
  revenue: number;
}

export interface PlantedDefects {
  headerAliasFiles: string[];
  missingColumnFiles: string[];
  nullClientIdRows: number;
  nullClientIdByFile: Record<string, number>;
  invalidPurchases: number;
  transactionIdCollisions: number;
  duplicateRows: number;
  revenueItemsMismatch: number;
  invalidJson: number;
  invalidTimestamps: number;
  outsidePartition: number;
  unknownEvents: number;
  revenueOutliers: number;
  /** Robot sessions and their events (page views, never purchases). */
  robotSessions: number;
  robotEvents: number;
  /** Cross-device journeys (not defects; none of their rows carries one), oldest purchase first. */
  crossDevice: PlantedCrossDevice[];
  /** Rows written by those journeys (both devices). */
  crossDeviceEvents: number;
}

export interface DemoResult {
  /** Absolute paths. */
  files: string[];
  /** Data rows written (headers excluded, duplicates included). */
  totalRows: number;
  rowsByFile: Record<string, number>;
  validOrders: number;
  /** Sum of revenue of valid purchases (collisions, outliers and mismatches included). */
  validRevenue: number;
  planted: PlantedDefects;
}

export const DEFAULT_DEFECTS: DefectRates = {
  headerAliasEveryNthFile: 2,
  missingReferrerFileIndexes: [3],
  nullClientIdRate: 0.01,
  nullClientIdSpikeDays: [-2],
  nullClientIdSpikeRate: 0.15,
  invalidPurchaseRate: 0.03,
  transactionIdCollisions: 3,
  duplicateRowRate: 0.002,
  revenueItemsMismatchRate: 0.02,
  invalidJsonRate: 0.001,
  invalidTimestampRate: 0.0005,
  outsidePartitionRate: 0.0005,
  unknownEventRate: 0.001,
  revenueOutliers: 2,
  robotSessionRate: 0.12,
};

/** The robots the demo plants, with their share: what real exports hold most (docs/metrics.md, robots). */
const ROBOT_AGENTS: { ua: string; weight: number }[] = [
  { ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", weight: 6 },
  { ua: "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", weight: 2 },
  { ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/133.0.0.0 Safari/537.36", weight: 1 },
];
const ROBOT_TABLE = new WeightedTable(ROBOT_AGENTS, ROBOT_AGENTS.map((r) => r.weight));
const ROBOT_PATHS = ["/", "/collections/mattresses", "/products/dreamloft-original", "/pages/reviews", "/blogs/sleep/how-to-choose-a-mattress"];

const COLUMNS = ["client_id", "page_url", "referrer", "timestamp", "event_name", "event_data", "user_agent"];

const HOUR_TABLE = new WeightedTable(HOURS, HOUR_WEIGHTS);

/** Error diffusion across days: the cumulative planted count follows round(cumulative expected). */
class Quota {
  private expected = 0;
  private planted = 0;
  next(rate: number, base: number): number {
    this.expected += rate * base;
    return Math.max(0, Math.floor(this.expected + 0.5) - this.planted);
  }
  add(k: number): void {
    this.planted += k;
  }
}

/** Spread a total count over the days: returns how many are due on each day. */
function spread(total: number, days: number): number[] {
  const due = new Array<number>(days).fill(0);
  for (let i = 0; i < total; i++) {
    const d = Math.min(days - 1, Math.floor(((i + 0.5) * days) / total));
    due[d] = (due[d] ?? 0) + 1;
  }
  return due;
}

function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`invalid endDate "${text}" (expected YYYY-MM-DD)`);
  }
  return ms;
}

function validate(opts: DemoOptions): void {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 3660) throw new Error("days must be an integer in 1..3660");
  if (!Number.isInteger(opts.eventsPerDay) || opts.eventsPerDay < 1 || opts.eventsPerDay > 50_000_000) {
    throw new Error("eventsPerDay must be an integer in 1..50000000");
  }
  if (!Number.isInteger(opts.seed)) throw new Error("seed must be an integer");
  const cross = opts.crossDeviceRate;
  if (cross !== undefined && !(typeof cross === "number" && cross >= 0 && cross <= 1)) throw new Error("crossDeviceRate must be a number in 0..1");
}

/** Defaults overridden by the given rates (undefined entries keep the default); rejects bad values. */
function resolveRates(overrides: Partial<DefectRates> | undefined): DefectRates {
  const rates: DefectRates = { ...DEFAULT_DEFECTS };
  for (const [key, value] of Object.entries(overrides ?? {}) as [keyof DefectRates, DefectRates[keyof DefectRates] | undefined][]) {
    if (value !== undefined) Object.assign(rates, { [key]: value });
  }
  for (const [key, value] of Object.entries(rates)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const ok = values.every((v) => typeof v === "number" && Number.isFinite(v) && (Array.isArray(value) || v >= 0));
    if (!ok) throw new Error(`invalid defect setting ${key}: ${JSON.stringify(value)}`);
  }
  return rates;
}

interface HistoryPurchase { txId: string; client: string; revenueCents: number; ts: number; used: boolean }

export async function generateDemo(opts: DemoOptions, outDir: string): Promise<DemoResult> {
  validate(opts);
  const rates = resolveRates(opts.defects);
  const firstDay = parseDay(opts.endDate) - (opts.days - 1) * DAY_MS;
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });

  const traffic = Rng.derive(opts.seed, "traffic");
  const txIds = new TxIds();
  const journeys = new Journeys(traffic, txIds);
  // Cross-device journeys on their own random stream (like the robots), so the traffic and every
  // defect stay as they were; they share the purchase id sequences.
  const crossRng = Rng.derive(opts.seed, "cross-device");
  const crossJourneys = new Journeys(crossRng, txIds);
  const crossRate = opts.crossDeviceRate ?? DEFAULT_CROSS_DEVICE_RATE;
  const crossQuota = new Quota();
  /** Day index → the journeys whose second device buys that day. */
  const crossDue = new Map<number, { first: Visitor; plan: Omit<PlantedCrossDevice, "buyClient" | "buyTs" | "purchaseTs" | "orderTransactionId" | "revenue"> }[]>();
  const spikeDays = new Set(rates.nullClientIdSpikeDays.map((d) => (d < 0 ? opts.days + d : d)));
  const missingRef = new Set(rates.missingReferrerFileIndexes);
  const q = {
    nullClient: new Quota(), invalidPurchase: new Quota(), mismatch: new Quota(), duplicate: new Quota(),
    invalidJson: new Quota(), invalidTs: new Quota(), outside: new Quota(), unknown: new Quota(),
  };
  const collisionsDue = spread(Math.max(0, Math.floor(rates.transactionIdCollisions)), opts.days);
  const outliersDue = spread(Math.max(0, Math.floor(rates.revenueOutliers)), opts.days);
  let pendingCollisions = 0;
  let pendingOutliers = 0;
  const history: HistoryPurchase[] = [];
  const returns = new Map<number, Visitor[]>();

  const planted: PlantedDefects = {
    headerAliasFiles: [], missingColumnFiles: [], nullClientIdRows: 0, nullClientIdByFile: {},
    invalidPurchases: 0, transactionIdCollisions: 0, duplicateRows: 0, revenueItemsMismatch: 0,
    invalidJson: 0, invalidTimestamps: 0, outsidePartition: 0, unknownEvents: 0, revenueOutliers: 0, robotSessions: 0, robotEvents: 0,
    crossDevice: [], crossDeviceEvents: 0,
  };
  const result: DemoResult = { files: [], totalRows: 0, rowsByFile: {}, validOrders: 0, validRevenue: 0, planted };
  let validRevenueCents = 0;
  let carry: Row[] = [];
  let previousWrite: Promise<unknown> = Promise.resolve(null);

  for (let day = 0; day < opts.days; day++) {
    const dayStart = firstDay + day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const fileName = `events_${date.replace(/-/g, "")}.csv${opts.gzip ? ".gz" : ""}`;
    const rng = Rng.derive(opts.seed, "defects", day);

    // ---- traffic of the day
    const rows: Row[] = carry;
    const target = Math.max(1, Math.round(opts.eventsPerDay * (0.93 + 0.14 * traffic.next())));
    const randomStart = (): number => dayStart + HOUR_TABLE.pick(traffic) * 3_600_000 + traffic.int(0, 3_599_999);
    for (const v of returns.get(day) ?? []) {
      const start = Math.max(randomStart(), v.lastTs + 2 * 3_600_000 + traffic.int(0, 3_600_000));
      if (start < dayEnd) journeys.session(v, start, rows, day, returns, opts.days);
      else if (day + 1 < opts.days) returns.set(day + 1, [...(returns.get(day + 1) ?? []), v]);
    }
    returns.delete(day);
    while (rows.length < target) {
      const start = randomStart();
      journeys.session(journeys.newVisitor(start, dayStart), start, rows, day, returns, opts.days);
    }
    const inDay = rows.filter((r) => r.ts < dayEnd);
    carry = rows.filter((r) => r.ts >= dayEnd);
    inDay.sort((a, b) => a.ts - b.ts);
    const n = inDay.length;

    // ---- purchase defects
    const purchases = rng.shuffle(inDay.filter((r) => r.purchase !== null));
    const cleanPurchases = (): Row[] => purchases.filter((r) => !r.defect);
    const mark = (list: Row[], k: number, apply: (r: Row) => void): number => {
      let done = 0;
      for (const r of list) {
        if (done >= k) break;
        if (r.defect) continue;
        apply(r);
        r.defect = true;
        done++;
      }
      return done;
    };
    pendingOutliers += outliersDue[day] ?? 0;
    const outliers = mark(cleanPurchases(), pendingOutliers, (r) => journeys.makeOutlier(r.purchase as Purchase));
    pendingOutliers -= outliers;
    planted.revenueOutliers += outliers;
    const invalid = mark(cleanPurchases(), q.invalidPurchase.next(rates.invalidPurchaseRate, purchases.length), (r) => {
      (r.purchase as Purchase).kind = "invalid";
    });
    q.invalidPurchase.add(invalid);
    planted.invalidPurchases += invalid;
    const mismatch = mark(cleanPurchases(), q.mismatch.next(rates.revenueItemsMismatchRate, purchases.length), (r) => {
      journeys.makeMismatch(r.purchase as Purchase);
    });
    q.mismatch.add(mismatch);
    planted.revenueItemsMismatch += mismatch;

    pendingCollisions += collisionsDue[day] ?? 0;
    const today: HistoryPurchase[] = [];
    for (const r of purchases) {
      const p = r.purchase as Purchase;
      if (!r.defect) today.push({ txId: p.txId, client: r.client, revenueCents: p.revenueCents, ts: r.ts, used: false });
    }
    const candidates = [...history, ...today];
    for (const r of purchases) {
      if (pendingCollisions <= 0) break;
      const p = r.purchase as Purchase;
      if (r.defect || today.some((h) => h.txId === p.txId && h.used)) continue;
      const sources = candidates.filter((h) => !h.used && h.ts < r.ts && h.client !== r.client && h.revenueCents !== p.revenueCents);
      if (sources.length === 0) continue;
      const src = rng.pick(sources);
      src.used = true;
      const self = today.find((h) => h.txId === p.txId);
      if (self) self.used = true; // the reusing purchase is never a source itself
      p.txId = src.txId;
      r.defect = true;
      pendingCollisions--;
      planted.transactionIdCollisions++;
    }
    history.push(...today.filter((h) => !h.used));
    if (history.length > 500) history.splice(0, history.length - 500);

    // ---- row defects (never on purchases nor on a session's landing row)
    const eligible = rng.shuffle(inDay.filter((r) => !r.landing && r.purchase === null));
    const take = (k: number, pred: (r: Row) => boolean, apply: (r: Row) => void): number =>
      mark(k > 0 ? eligible.filter(pred) : [], k, apply);
    const invalidJson = take(q.invalidJson.next(rates.invalidJsonRate, n), (r) => r.event === "email_filled_on_popup", (r) => {
      r.data = r.data.slice(0, rng.int(15, Math.max(15, r.data.length - 3)));
    });
    q.invalidJson.add(invalidJson);
    const unknown = take(q.unknown.next(rates.unknownEventRate, n), (r) => r.event === "page_viewed", (r) => {
      r.event = rng.pick(UNKNOWN_EVENTS);
    });
    q.unknown.add(unknown);
    const invalidTs = take(q.invalidTs.next(rates.invalidTimestampRate, n), () => true, (r) => {
      r.tsText = rng.pick([`${date}T25:61:00Z`, "not-a-date", `${date.slice(0, 8)}31T99:99:99.999Z`]);
    });
    q.invalidTs.add(invalidTs);
    const outside = take(q.outside.next(rates.outsidePartitionRate, n), () => true, (r) => {
      r.ts = rng.chance(0.5) ? dayStart - rng.int(1_000, 3 * 3_600_000) : dayEnd + rng.int(0, 3 * 3_600_000);
    });
    q.outside.add(outside);
    const nullTarget = spikeDays.has(day) ? Math.round(rates.nullClientIdSpikeRate * n) : q.nullClient.next(rates.nullClientIdRate, n);
    const nulls = take(nullTarget, () => true, (r) => {
      r.client = "";
    });
    if (!spikeDays.has(day)) q.nullClient.add(nulls);
    const dupCandidates = rng.shuffle(inDay.filter((r) => !r.defect && r.purchase === null));
    const dups = mark(dupCandidates, q.duplicate.next(rates.duplicateRowRate, n), (r) => {
      r.duplicate = true;
    });
    q.duplicate.add(dups);
    // ---- robots: sessions of crawlers and automation, on their own random stream (so the people's
    // traffic and every defect above stay as they were), never defects themselves
    const robotRng = Rng.derive(opts.seed, "robots", day);
    const robots = Math.round(rates.robotSessionRate * inDay.filter((r) => r.landing).length);
    for (let k = 0; k < robots; k++) {
      const agent = ROBOT_TABLE.pick(robotRng);
      let ts = dayStart + robotRng.int(0, 86_400_000 - 300_001);
      const visitor: Visitor = {
        id: `${Math.floor(ts / 1000)}-${robotRng.urlSafe(12)}`, ua: { ua: agent.ua, device: "desktop", weight: 0 }, uaBytes: Buffer.from(csvField(agent.ua), "utf8"),
        emailHash: null, lastTs: ts, sessions: 1, returnsLeft: 0, buyer: false, lastChannel: null,
      };
      const pages = robotRng.int(1, 3);
      for (let e = 0; e < pages; e++) {
        inDay.push({ ts, tsText: null, client: visitor.id, url: `${STORE_ORIGIN}${robotRng.pick(ROBOT_PATHS)}`, referrer: "", event: "page_viewed", data: "", visitor, landing: e === 0, purchase: null, defect: true, duplicate: false });
        ts += robotRng.int(1_000, 90_000);
        planted.robotEvents++;
      }
      planted.robotSessions++;
    }

    // ---- cross-device journeys: after every defect (none of their rows carries one, so each
    // journey stays whole), each session inside its day (starts before 20:00 UTC, lasts under 3 hours)
    const crossStart = (): number => {
      let hour = HOUR_TABLE.pick(crossRng);
      while (hour >= 20) hour = HOUR_TABLE.pick(crossRng);
      return dayStart + hour * 3_600_000 + crossRng.int(0, 3_599_999);
    };
    const crossRows: Row[] = [];
    for (const { first, plan } of crossDue.get(day) ?? []) {
      const start = crossStart();
      const buyer = crossJourneys.visitorOn("desktop", start);
      buyer.emailHash = first.emailHash;
      const row = crossJourneys.plantedPurchase(buyer, start, crossRows);
      const p = row.purchase as Purchase;
      planted.crossDevice.push({ ...plan, buyClient: buyer.id, buyTs: start, purchaseTs: row.ts, orderTransactionId: p.txId, revenue: p.revenueCents / 100 });
    }
    crossDue.delete(day);
    // Plan today's first visits: the purchase 1–5 days later (inside the default 7-day lookback),
    // never after the last day nor on a day without a referrer column (where no session is Direct).
    const buyDays = [1, 2, 3, 4, 5].map((g) => day + g).filter((d) => d < opts.days && !missingRef.has(d));
    const crossCount = buyDays.length === 0 ? 0 : crossQuota.next(crossRate, purchases.length);
    for (let k = 0; k < crossCount; k++) {
      const start = crossStart();
      const first = crossJourneys.visitorOn("mobile", start);
      const { channel, email } = crossJourneys.plantedFirstVisit(first, start, crossRows);
      const buyDay = crossRng.pick(buyDays);
      crossDue.set(buyDay, [...(crossDue.get(buyDay) ?? []), { first, plan: { email, firstClient: first.id, firstChannel: channel.name, firstTs: start } }]);
    }
    crossQuota.add(crossCount);
    for (const r of crossRows) {
      if (r.ts >= dayEnd) throw new Error("a planted cross-device session must end inside its day");
      inDay.push(r);
    }
    planted.crossDeviceEvents += crossRows.length;
    inDay.sort((a, b) => a.ts - b.ts);

    planted.invalidJson += invalidJson;
    planted.unknownEvents += unknown;
    planted.invalidTimestamps += invalidTs;
    planted.outsidePartition += outside;
    planted.nullClientIdRows += nulls;
    planted.nullClientIdByFile[fileName] = nulls;
    planted.duplicateRows += dups;

    // ---- write the file
    const alias = rates.headerAliasEveryNthFile > 0 && day % rates.headerAliasEveryNthFile === rates.headerAliasEveryNthFile - 1;
    const noReferrer = missingRef.has(day);
    if (alias) planted.headerAliasFiles.push(fileName);
    if (noReferrer) planted.missingColumnFiles.push(fileName);
    const header = COLUMNS.filter((c) => !(noReferrer && c === "referrer")).map((c) => (alias && c === "client_id" ? "clientId" : c));
    let written = 0;
    const out = new ChunkWriter();
    const headerLine = header.join(",") + "\n";
    out.begin(headerLine.length * 3);
    out.utf8(headerLine);
    for (const r of inDay) {
      let data = r.data;
      if (r.purchase) {
        data = journeys.purchaseJson(r.purchase, r.visitor);
        if (r.purchase.kind !== "invalid") {
          result.validOrders++;
          validRevenueCents += r.purchase.revenueCents;
        }
      }
      const ts = r.tsText ?? isoTimestamp(r.ts, dayStart, date);
      // URLs never need quoting: their parts are checked at load time (journeys.ts), values are hex
      const url = r.url;
      const ref = noReferrer ? "" : r.referrer;
      const dataField = data === "" ? "" : csvField(data);
      out.begin(r.client.length + url.length + ref.length + ts.length + r.event.length + 3 * dataField.length + r.visitor.uaBytes.length + 8);
      out.ascii(r.client);
      out.byte(COMMA);
      out.ascii(url);
      out.byte(COMMA);
      if (!noReferrer) {
        out.ascii(ref);
        out.byte(COMMA);
      }
      out.ascii(ts);
      out.byte(COMMA);
      out.ascii(r.event);
      out.byte(COMMA);
      if (dataField !== "") out.utf8(dataField);
      out.byte(COMMA);
      out.bytes(r.visitor.uaBytes);
      out.byte(LF);
      written++;
      if (r.duplicate) {
        out.repeatLine();
        written++;
      }
    }
    const chunks = out.finish();
    // The file is written in the background while the next day is generated (at most two days in memory).
    const path = join(dir, fileName);
    await throwIfFailed(previousWrite);
    previousWrite = writeDay(path, chunks, opts.gzip === true).then(() => null, (err: unknown) => err);
    result.files.push(path);
    result.rowsByFile[fileName] = written;
    result.totalRows += written;
  }
  await throwIfFailed(previousWrite);
  planted.crossDevice.sort((a, b) => a.purchaseTs - b.purchaseTs);
  result.validRevenue = validRevenueCents / 100;
  return result;
}
