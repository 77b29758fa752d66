import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEFECTS, generateDemo, type DefectRates, type DemoOptions, type DemoResult } from "./generator";

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

  it("rejects invalid options", async () => {
    await expect(generateDemo({ ...small, endDate: "2025-02-30" }, join(root, "bad"))).rejects.toThrow(/endDate/);
    await expect(generateDemo({ ...small, days: 0 }, join(root, "bad"))).rejects.toThrow(/days/);
  });
});
