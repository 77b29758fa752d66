import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CROSS_DEVICE_RATE, DEFAULT_DEFECTS, generateDemo, type DefectRates, type DemoOptions, type DemoResult } from "./generator";

/** Minimal RFC 4180 parser; throws on malformed input. Requires a final LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quotedField = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === "" && !quotedField) {
      quotedField = true;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quoted field");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const next = text[i];
      if (next !== "," && next !== "\n") throw new Error(`unexpected character after quoted field at ${i}`);
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      quotedField = false;
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      quotedField = false;
    } else if (c === '"' || c === "\r") {
      throw new Error(`bare quote or CR at ${i}`);
    } else {
      field += c;
    }
    i++;
  }
  if (field !== "" || row.length > 0) throw new Error("missing final LF");
  return rows;
}

const ZERO_DEFECTS: DefectRates = {
  headerAliasEveryNthFile: 0, missingReferrerFileIndexes: [], nullClientIdRate: 0, nullClientIdSpikeDays: [],
  nullClientIdSpikeRate: 0, invalidPurchaseRate: 0, transactionIdCollisions: 0, duplicateRowRate: 0,
  revenueItemsMismatchRate: 0, invalidJsonRate: 0, invalidTimestampRate: 0, outsidePartitionRate: 0,
  unknownEventRate: 0, revenueOutliers: 0, robotSessionRate: 0,
};
const KNOWN = new Set(["page_viewed", "email_filled_on_popup", "product_added_to_cart", "checkout_started", "checkout_completed", "purchase"]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

interface Recount {
  nullClientByFile: Record<string, number>;
  nullClient: number; duplicates: number; invalidJson: number; unknown: number; invalidTs: number; outside: number;
  invalidPurchases: number; mismatch: number; outliers: number; collisions: number; orders: number; revenueCents: number;
  unsorted: number; rows: number; fieldCounts: Set<number>;
}

/** Independent re-detection of the planted defects, straight from the files. */
async function recount(result: DemoResult): Promise<Recount> {
  const rc: Recount = {
    nullClientByFile: {}, nullClient: 0, duplicates: 0, invalidJson: 0, unknown: 0, invalidTs: 0, outside: 0,
    invalidPurchases: 0, mismatch: 0, outliers: 0, collisions: 0, orders: 0, revenueCents: 0, unsorted: 0, rows: 0,
    fieldCounts: new Set(),
  };
  const payloads = new Map<string, Set<string>>();
  for (const path of result.files) {
    const name = basename(path);
    const text = await readText(path);
    const lines = text.split("\n").slice(1, -1);
    expect(lines.length).toBe(result.rowsByFile[name]);
    rc.duplicates += lines.length - new Set(lines).size;
    const [header, ...rows] = parseCsv(text);
    if (!header) throw new Error("no header");
    const col = (name: string): number => header.indexOf(name === "client_id" && !header.includes(name) ? "clientId" : name);
    const day = `${name.slice(7, 11)}-${name.slice(11, 13)}-${name.slice(13, 15)}`;
    let lastTs = 0;
    rc.nullClientByFile[name] = 0;
    for (const r of rows) {
      rc.rows++;
      rc.fieldCounts.add(r.length);
      expect(r.length).toBe(header.length);
      const get = (c: string): string => r[col(c)] ?? "";
      if (get("client_id") === "") {
        rc.nullClient++;
        rc.nullClientByFile[name] = (rc.nullClientByFile[name] ?? 0) + 1;
      }
      const ts = get("timestamp");
      const t = Date.parse(ts);
      if (!ISO.test(ts) || Number.isNaN(t)) { rc.invalidTs++; continue; }
      if (ts.slice(0, 10) !== day) { rc.outside++; continue; }
      if (t < lastTs) rc.unsorted++;
      lastTs = t;
      const event = get("event_name");
      if (!KNOWN.has(event)) { rc.unknown++; continue; }
      const data = get("event_data");
      let json: { transaction_id?: string; revenue?: number; items?: { item_id: string | null; item_price: number | null; quantity: number | null }[] } = {};
      if (data !== "") {
        try { json = JSON.parse(data) as typeof json; } catch { rc.invalidJson++; continue; }
      }
      if (event !== "checkout_completed" && event !== "purchase") continue;
      const items = json.items ?? [];
      if (!(typeof json.revenue === "number" && json.revenue > 0) || !items.some((it) => it.item_id)) { rc.invalidPurchases++; continue; }
      rc.orders++;
      rc.revenueCents += Math.round(json.revenue * 100);
      const sum = items.reduce((s, it) => s + (it.item_price ?? 0) * (it.quantity ?? 0), 0);
      if (Math.abs(sum - json.revenue) >= 1) rc.mismatch++;
      else expect(Math.abs(sum - json.revenue)).toBeLessThan(0.005);
      if (json.revenue >= 40_000) rc.outliers++;
      else expect(json.revenue).toBeLessThanOrEqual(4_100);
      const id = json.transaction_id ?? "";
      payloads.set(id, (payloads.get(id) ?? new Set()).add(data));
    }
  }
  rc.collisions = [...payloads.values()].filter((s) => s.size > 1).length;
  return rc;
}

describe("generateDemo", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "demo-gen-"));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  const small: DemoOptions = { days: 3, eventsPerDay: 800, seed: 42, endDate: "2025-03-09" };

  it("is deterministic: same seed gives identical bytes, another seed differs", async () => {
    const a = await generateDemo(small, join(root, "a"));
    const b = await generateDemo(small, join(root, "b"));
    const c = await generateDemo({ ...small, seed: 43 }, join(root, "c"));
    expect(a.files.map((f) => basename(f))).toEqual(b.files.map((f) => basename(f)));
    for (let i = 0; i < a.files.length; i++) {
      const fa = await readFile(a.files[i] as string);
      expect(fa.equals(await readFile(b.files[i] as string))).toBe(true);
      expect(fa.equals(await readFile(c.files[i] as string))).toBe(false);
    }
    expect(a.planted).toEqual(b.planted);
  });

  it("writes gzip files with the same content", async () => {
    const plain = await generateDemo(small, join(root, "plain"));
    const gz = await generateDemo({ ...small, gzip: true }, join(root, "gz"));
    expect(gz.files.every((f) => f.endsWith(".csv.gz"))).toBe(true);
    for (let i = 0; i < plain.files.length; i++) {
      expect(await readText(gz.files[i] as string)).toBe(await readText(plain.files[i] as string));
    }
  });

  it("plants nothing when every rate is 0", async () => {
    const result = await generateDemo({ ...small, days: 4, eventsPerDay: 2000, defects: ZERO_DEFECTS }, join(root, "clean"));
    const p = result.planted;
    expect(p.headerAliasFiles).toEqual([]);
    expect(p.missingColumnFiles).toEqual([]);
    const counts = [p.nullClientIdRows, p.invalidPurchases, p.transactionIdCollisions, p.duplicateRows, p.revenueItemsMismatch,
      p.invalidJson, p.invalidTimestamps, p.outsidePartition, p.unknownEvents, p.revenueOutliers];
    expect(counts.every((n) => n === 0)).toBe(true);
    const rc = await recount(result);
    expect([rc.nullClient, rc.duplicates, rc.invalidJson, rc.unknown, rc.invalidTs, rc.outside, rc.invalidPurchases,
      rc.mismatch, rc.outliers, rc.collisions, rc.unsorted]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rc.fieldCounts).toEqual(new Set([7]));
    expect(rc.orders).toBe(result.validOrders);
    expect(rc.orders).toBeGreaterThan(0);
    for (const f of result.files) {
      expect((await readText(f)).split("\n", 1)[0]).toBe("client_id,page_url,referrer,timestamp,event_name,event_data,user_agent");
    }
  });

  describe("with the default defect rates", () => {
    const opts: DemoOptions = { days: 8, eventsPerDay: 3000, seed: 7, endDate: "2025-03-09" };
    let result: DemoResult;
    let rc: Recount;
    beforeAll(async () => {
      result = await generateDemo(opts, join(root, "defaults"));
      rc = await recount(result);
    });

    it("names consecutive daily files ending at endDate", async () => {
      const names = result.files.map((f) => basename(f));
      const expected = Array.from({ length: opts.days }, (_, i) => {
        const d = new Date(Date.UTC(2025, 2, 9) - (opts.days - 1 - i) * 86_400_000);
        return `events_${d.toISOString().slice(0, 10).replace(/-/g, "")}.csv`;
      });
      expect(names).toEqual(expected);
      expect((await readdir(join(root, "defaults"))).sort()).toEqual(expected);
      expect(result.totalRows).toBe(Object.values(result.rowsByFile).reduce((s, n) => s + n, 0));
      expect(result.totalRows).toBeGreaterThan(opts.days * opts.eventsPerDay * 0.85);
    });

    it("plants every defect class and reports the header variants as configured", async () => {
      const p = result.planted;
      const names = result.files.map((f) => basename(f));
      expect(p.headerAliasFiles).toEqual(names.filter((_, i) => i % DEFAULT_DEFECTS.headerAliasEveryNthFile === 1));
      expect(p.missingColumnFiles).toEqual([names[3]]);
      for (const n of [p.nullClientIdRows, p.invalidPurchases, p.transactionIdCollisions, p.duplicateRows, p.revenueItemsMismatch,
        p.invalidJson, p.invalidTimestamps, p.outsidePartition, p.unknownEvents, p.revenueOutliers]) {
        expect(n).toBeGreaterThan(0);
      }
      expect(p.transactionIdCollisions).toBe(3);
      expect(p.revenueOutliers).toBe(2);
      for (const [i, path] of result.files.entries()) {
        const header = (await readText(path)).split("\n", 1)[0] ?? "";
        expect(header.startsWith(i % 2 === 1 ? "clientId," : "client_id,")).toBe(true);
        expect(header.includes(",referrer,")).toBe(i !== 3);
      }
    });

    it("parses every row into 7 fields (6 in the file without referrer)", () => {
      expect(rc.fieldCounts).toEqual(new Set([6, 7]));
      expect(rc.rows).toBe(result.totalRows);
    });

    it("writes exactly the planted counts", () => {
      const p = result.planted;
      expect(rc.nullClient).toBe(p.nullClientIdRows);
      expect(rc.nullClientByFile).toEqual(p.nullClientIdByFile);
      expect(rc.duplicates).toBe(p.duplicateRows);
      expect(rc.invalidJson).toBe(p.invalidJson);
      expect(rc.unknown).toBe(p.unknownEvents);
      expect(rc.invalidTs).toBe(p.invalidTimestamps);
      expect(rc.outside).toBe(p.outsidePartition);
      expect(rc.invalidPurchases).toBe(p.invalidPurchases);
      expect(rc.mismatch).toBe(p.revenueItemsMismatch);
      expect(rc.outliers).toBe(p.revenueOutliers);
      expect(rc.collisions).toBe(p.transactionIdCollisions);
      expect(rc.orders).toBe(result.validOrders);
      expect(rc.revenueCents).toBe(Math.round(result.validRevenue * 100));
      expect(rc.unsorted).toBe(0);
    });

    it("has the empty client id spike on day days-2", () => {
      const names = result.files.map((f) => basename(f));
      const spike = names[opts.days - 2] as string;
      const share = (name: string): number => (result.planted.nullClientIdByFile[name] ?? 0) / (result.rowsByFile[name] ?? 1);
      expect(share(spike)).toBeGreaterThan(0.12);
      expect(share(names[0] as string)).toBeLessThan(0.02);
    });
  });

  describe("cross-device journeys", () => {
    const opts: DemoOptions = { days: 8, eventsPerDay: 3000, seed: 7, endDate: "2025-03-09" };
    const md5 = (text: string) => createHash("md5").update(text).digest("hex").slice(0, 6).toUpperCase();
    const MOBILE = /iPhone|Android/;
    const DESKTOP = /Windows NT|Macintosh|X11/;
    interface Ev { ts: number; url: string; referrer: string | null; event: string; data: string; ua: string; file: string }

    /** Every row of the files by client id, straight from the CSV text. */
    async function rowsByClient(result: DemoResult): Promise<Map<string, Ev[]>> {
      const out = new Map<string, Ev[]>();
      for (const path of result.files) {
        const [header, ...rows] = parseCsv(await readText(path));
        if (!header) throw new Error("no header");
        const at = (name: string) => header.indexOf(name === "client_id" && !header.includes(name) ? "clientId" : name);
        for (const r of rows) {
          const client = r[at("client_id")] ?? "";
          const ev: Ev = {
            ts: Date.parse(r[at("timestamp")] ?? ""), url: r[at("page_url")] ?? "", referrer: at("referrer") < 0 ? null : (r[at("referrer")] ?? ""),
            event: r[at("event_name")] ?? "", data: r[at("event_data")] ?? "", ua: r[at("user_agent")] ?? "", file: basename(path),
          };
          const list = out.get(client);
          if (list) list.push(ev);
          else out.set(client, [ev]);
        }
      }
      return out;
    }
    const emailOf = (e: Ev): string | null => {
      try {
        return (JSON.parse(e.data) as { user_email?: string }).user_email ?? null;
      } catch {
        return null;
      }
    };

    /** Each planted journey is in the files as the plan says, and its clients are the only ones sharing an email. */
    async function checkJourneys(result: DemoResult): Promise<Set<string>> {
      const byClient = await rowsByClient(result);
      const firstFiles = new Set<string>();
      const planted = result.planted.crossDevice;
      let events = 0;
      for (const j of planted) {
        const first = byClient.get(j.firstClient) ?? [];
        const buy = byClient.get(j.buyClient) ?? [];
        events += first.length + buy.length;
        // Device A: a phone, one visit inside one file, landing at firstTs with the channel's markers.
        expect(first.length).toBeGreaterThan(1);
        expect(first.every((e) => MOBILE.test(e.ua) && e.file === first[0]!.file)).toBe(true);
        firstFiles.add(first[0]!.file);
        const landing = first.reduce((a, b) => (b.ts < a.ts ? b : a));
        expect(landing.ts).toBe(j.firstTs);
        expect(landing.event).toBe("page_viewed");
        const marker = { "Paid Search": /[?&](gclid|msclkid)=/, "Paid Social": /[?&]fbclid=/, Email: new RegExp(`[?&]utm_medium=${md5("email")}&`) }[j.firstChannel];
        expect(marker, j.firstChannel).toBeDefined();
        expect(landing.url).toMatch(marker!);
        expect(first.filter((e) => e.event === "email_filled_on_popup").map(emailOf)).toEqual([j.email]);
        expect(first.some((e) => e.event === "checkout_completed" || e.event === "purchase")).toBe(false);
        // Device B: a computer, one visit on a later day (1–5 days), typed in: no referrer, no campaign markers.
        expect(buy.every((e) => DESKTOP.test(e.ua) && e.file === buy[0]!.file)).toBe(true);
        const back = buy.reduce((a, b) => (b.ts < a.ts ? b : a));
        expect(back.ts).toBe(j.buyTs);
        expect(back.referrer).toBe(""); // the column is there (never a file without referrer) and empty
        expect(back.url).not.toMatch(/[?&](utm_[a-z]+|gclid|gbraid|wbraid|gad_source|msclkid|fbclid|ttclid|irclickid|clickid|affid|_kx)=/);
        const days = (Date.UTC(...ymd(back.file)) - Date.UTC(...ymd(first[0]!.file))) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(1);
        expect(days).toBeLessThanOrEqual(5);
        expect(j.purchaseTs - j.firstTs).toBeLessThan(7 * 86_400_000); // inside the default lookback
        const purchases = buy.filter((e) => e.event === "checkout_completed" || e.event === "purchase");
        expect(purchases).toHaveLength(1);
        const p = JSON.parse(purchases[0]!.data) as { transaction_id: string; revenue: number; user_email: string };
        expect([p.transaction_id, p.revenue, p.user_email, purchases[0]!.ts]).toEqual([j.orderTransactionId, j.revenue, j.email, j.purchaseTs]);
        expect(p.revenue).toBeGreaterThan(0);
      }
      expect(result.planted.crossDeviceEvents).toBe(events);
      // Clients by email over the whole data set: only the planted pairs share one.
      const clientsOf = new Map<string, Set<string>>();
      for (const [client, evs] of byClient) {
        for (const e of evs) {
          const email = client === "" ? null : emailOf(e);
          if (email) clientsOf.set(email, (clientsOf.get(email) ?? new Set()).add(client));
        }
      }
      const shared = [...clientsOf].filter(([, c]) => c.size > 1).map(([email, c]) => [email, [...c].sort()]);
      expect(shared.sort()).toEqual(planted.map((j) => [j.email, [j.firstClient, j.buyClient].sort()]).sort());
      // Transaction ids stay unique apart from the planted collisions.
      const ids = new Set(planted.map((j) => j.orderTransactionId));
      expect(ids.size).toBe(planted.length);
      return firstFiles;
    }
    const ymd = (file: string): [number, number, number] => [Number(file.slice(7, 11)), Number(file.slice(11, 13)) - 1, Number(file.slice(13, 15))];

    it("plants a few by default (about 2 per 100 purchases), as the plan says", async () => {
      const result = await generateDemo(opts, join(root, "cross-default"));
      expect(result.planted.crossDevice.length).toBeGreaterThan(0);
      expect(result.planted.crossDevice.length).toBeLessThanOrEqual(Math.round(DEFAULT_CROSS_DEVICE_RATE * (result.validOrders + result.planted.invalidPurchases)));
      await checkJourneys(result);
    });

    it("plants them from every first-touch channel at a high rate, also from the file without referrer", async () => {
      const result = await generateDemo({ ...opts, days: 7, eventsPerDay: 2500, seed: 3, crossDeviceRate: 0.5 }, join(root, "cross-high"));
      const channels = new Set(result.planted.crossDevice.map((j) => j.firstChannel));
      expect([...channels].sort()).toEqual(["Email", "Paid Search", "Paid Social"]);
      const firstFiles = await checkJourneys(result);
      // The first touch is classified from its tags and click ids even where the referrer was not recorded.
      expect(firstFiles.has(result.planted.missingColumnFiles[0]!)).toBe(true);
    });

    it("adds only their own rows: without them the files hold the same traffic and defects", async () => {
      const withJourneys = await generateDemo(opts, join(root, "cross-with"));
      const without = await generateDemo({ ...opts, crossDeviceRate: 0 }, join(root, "cross-without"));
      expect(without.planted.crossDevice).toEqual([]);
      expect(without.planted.crossDeviceEvents).toBe(0);
      const { crossDevice: _a, crossDeviceEvents: _b, ...defects } = withJourneys.planted;
      const { crossDevice: _c, crossDeviceEvents: _d, ...defectsWithout } = without.planted;
      expect(defects).toEqual(defectsWithout);
      let added = 0;
      for (let i = 0; i < without.files.length; i++) {
        const a = (await readText(without.files[i]!)).split("\n");
        const b = (await readText(withJourneys.files[i]!)).split("\n");
        const rest = new Set(b);
        expect(a.filter((line) => !rest.has(line))).toEqual([]); // every line of the traffic is still there
        added += b.length - a.length;
      }
      expect(added).toBe(withJourneys.planted.crossDeviceEvents);
      expect(withJourneys.validOrders).toBe(without.validOrders + withJourneys.planted.crossDevice.length);
    });
  });

  it("rejects invalid options", async () => {
    await expect(generateDemo({ ...small, endDate: "2025-02-30" }, join(root, "bad"))).rejects.toThrow(/endDate/);
    await expect(generateDemo({ ...small, days: 0 }, join(root, "bad"))).rejects.toThrow(/days/);
    await expect(generateDemo({ ...small, crossDeviceRate: 1.5 }, join(root, "bad"))).rejects.toThrow(/crossDeviceRate/);
  });
});
