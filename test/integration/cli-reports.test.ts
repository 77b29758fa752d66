/**
 * The command line's PDF reports are the web app's: rendered from the same queries and report
 * modules, they start with %PDF and carry the same text as the web routes' downloads (but for the
 * generation time). And they print the sample export's true figures: the expected values come from
 * a second, deliberately naive reading of the raw CSV files below (a hand-written CSV parser,
 * 30-minute sessions per client id, a plain z-score), never from the pipeline or the report code.
 * Only the per-channel attribution credit (which needs the channel rules) is taken from the
 * pipeline's own result, and checked against the independent total.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isbot } from "isbot";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";
import { int, lineStartingWith, lines, linesContaining, pct, pdfText as extract, usd } from "../pdf-text";
import { sampleExportDir } from "../sample-export";
import { tempDatabase } from "../temp-db";

// The report routes ask Next for the request's cookies (to check who reads): outside a server,
// a request without cookies, as an anonymous reader's would be (dashboards are open by default).
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

const t = tempDatabase();
const out = mkdtempSync(join(tmpdir(), "cli-pdf-"));
const NOW = "2025-03-04T06:00:00Z";
let files: string[] = [];
let result: PipelineResult;

/** Text of a PDF without the lines that carry the generation time. */
function pdfText(bytes: Buffer): string {
  return extract(bytes)
    .text.split("\n")
    .filter((l) => !/Generated|generated/.test(l))
    .join("\n");
}
const pdfPages = (file: string) => extract(readFileSync(join(out, file))).pages;

// ---- the second, naive reading of the raw export --------------------------------------------

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

interface Purchase {
  transaction_id?: string;
  revenue?: number;
  items?: { item_id?: string | null; item_name?: string | null; item_price?: number | null; quantity?: number | null }[] | null;
}
interface Row {
  file: string;
  client: string;
  referrer: string;
  ms: number;
  day: string;
  purchase: Purchase | null;
  invalid: boolean;
  /** The user agent is a crawler's or automation's (a second reading: the isbot list, people's in-app browsers excepted). */
  robot: boolean;
}
interface FileFacts {
  name: string;
  day: string;
  aliased: boolean;
  rows: number;
  invalid: number;
  duplicates: number;
  nullClient: number;
  nullReferrer: number;
  clean: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

function readRaw(dir: string) {
  const rows: Row[] = [];
  const perFile: FileFacts[] = [];
  for (const name of readdirSync(dir).filter((f) => /^events_\d{8}\.csv$/.test(f)).sort()) {
    const [header, ...records] = parseCsv(readFileSync(join(dir, name), "utf8"));
    const col = (n: string) => header!.indexOf(n);
    const aliased = col("client_id") < 0;
    const c = { client: aliased ? col("clientId") : col("client_id"), referrer: col("referrer"), ts: col("timestamp"), name: col("event_name"), data: col("event_data"), ua: col("user_agent") };
    const seen = new Set<string>();
    const facts: FileFacts = { name, day: `${name.slice(7, 11)}-${name.slice(11, 13)}-${name.slice(13, 15)}`, aliased, rows: records.length, invalid: 0, duplicates: 0, nullClient: 0, nullReferrer: 0, clean: 0 };
    for (const r of records) {
      const key = r.join("\u0001");
      if (seen.has(key)) facts.duplicates++;
      seen.add(key);
      const isPurchase = r[c.name] === "checkout_completed" || r[c.name] === "purchase";
      let purchase: Purchase | null = null;
      try {
        purchase = isPurchase ? (JSON.parse(r[c.data]!) as Purchase) : null;
      } catch {
        purchase = null;
      }
      const invalid = isPurchase && !(purchase?.transaction_id && typeof purchase.revenue === "number" && purchase.revenue > 0 && (purchase.items ?? []).some((it) => it?.item_id));
      const ts = r[c.ts]!;
      const ua = r[c.ua] ?? "";
      const robot = isbot(ua) && !/; wv\)|\[FBAN\/|FBAV\/|^Instagram \d/.test(ua); // Android WebView, Facebook and Instagram apps: people
      rows.push({ file: name, client: r[c.client]!, referrer: r[c.referrer]!, ms: Date.parse(ts), day: ts.slice(0, 10), purchase: invalid ? null : purchase, invalid, robot });
    }
    perFile.push(facts);
  }
  const loaded = rows.filter((r) => !r.invalid);
  for (const r of rows) {
    const f = perFile.find((x) => x.name === r.file)!;
    if (r.invalid) f.invalid++;
    else {
      if (!r.client) f.nullClient++;
      if (!r.referrer) f.nullReferrer++;
    }
  }

  // Orders: valid purchases, an identical repeat counted once.
  const orderKeys = new Set<string>();
  const orders = loaded.filter((r) => {
    if (!r.purchase) return false;
    const key = `${r.client}|${JSON.stringify(r.purchase)}`;
    if (orderKeys.has(key)) return false;
    orderKeys.add(key);
    return true;
  });
  const cents = (o: Row) => Math.round(o.purchase!.revenue! * 100);
  const byTransaction = new Map<string, Row[]>();
  for (const o of orders) byTransaction.set(o.purchase!.transaction_id!, [...(byTransaction.get(o.purchase!.transaction_id!) ?? []), o]);
  const collisions = [...byTransaction.values()].filter((os) => os.length > 1);
  const mismatched = orders.filter((o) => {
    const items = (o.purchase!.items ?? []).filter((it) => it?.item_id);
    const unpriced = items.some((it) => typeof it.item_price !== "number" || typeof it.quantity !== "number");
    const sum = items.reduce((s, it) => s + (it.item_price ?? 0) * (it.quantity ?? 0), 0);
    return unpriced || Math.abs(Math.round(sum * 100) - cents(o)) > 1;
  });
  // A clean row is loaded, has a client id and carries no flag (here: collision or revenue/items mismatch).
  const flagged = new Set<Row>([...collisions.flat(), ...mismatched]);
  for (const r of loaded) if (r.client && !flagged.has(r)) perFile.find((x) => x.name === r.file)!.clean++;

  // Sessions: per client id, a gap over 30 minutes starts a new one; a session is a robot's when
  // its first event's agent is (robots are left out of the visitor figures).
  const byClient = new Map<string, Row[]>();
  for (const r of loaded) if (r.client) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  const sessionStarts: { client: string; ms: number; n: number; robot: boolean }[] = [];
  const gapMinutes: number[] = [];
  for (const [client, events] of byClient) {
    events.sort((a, b) => a.ms - b.ms);
    for (let i = 1; i < events.length; i++) gapMinutes.push((events[i]!.ms - events[i - 1]!.ms) / MINUTE);
    let n = 0;
    events.forEach((e, i) => {
      if (i === 0 || e.ms - events[i - 1]!.ms > 30 * MINUTE) sessionStarts.push({ client, ms: e.ms, n: ++n, robot: e.robot });
    });
  }
  const visits = sessionStarts.filter((s) => !s.robot);
  /** The session number (1 = the client's first) of an event. */
  const sessionNumber = (o: Row) => sessionStarts.filter((s) => s.client === o.client && s.ms <= o.ms).length;
  const startsOf = new Map<string, number[]>();
  for (const s of visits) startsOf.set(s.client, [...(startsOf.get(s.client) ?? []), s.ms]); // attribution touches: visitors' sessions

  // Daily series by event date.
  const days = [...new Set(loaded.map((r) => r.day))].sort();
  const daily = days.map((day) => {
    const events = loaded.filter((r) => r.day === day);
    const dayOrders = orders.filter((o) => o.day === day);
    const sessions = visits.filter((s) => new Date(s.ms).toISOString().slice(0, 10) === day).length;
    const revenue = dayOrders.reduce((s, o) => s + cents(o), 0) / 100;
    return {
      day,
      events: events.length,
      sessions,
      orders: dayOrders.length,
      revenue,
      null_client_id_rate: events.filter((r) => !r.client).length / events.length,
      null_referrer_rate: events.filter((r) => !r.referrer).length / events.length,
      invalid_purchases: rows.filter((r) => r.invalid && r.day === day).length,
      conversion_rate: dayOrders.length / sessions,
      aov: revenue / dayOrders.length,
      revenue_per_session: revenue / sessions,
    };
  });

  return { rows, loaded, perFile, orders, cents, collisions, mismatched, gapMinutes, sessionStarts, visits, sessionNumber, startsOf, daily, firstSeen: (client: string) => Math.min(...byClient.get(client)!.map((r) => r.ms)) };
}

/**
 * The strongest z-score of the newest days of a daily series: each day against the mean and
 * sample standard deviation of at least 7 earlier days (flagged days left out of later windows).
 */
function strongestZ(values: number[], spikeOnly = false): { z: number; index: number; mean: number }[] {
  const flagged = new Set<number>();
  const out: { z: number; index: number; mean: number }[] = [];
  values.forEach((v, i) => {
    const training = values.slice(0, i).filter((_, j) => !flagged.has(j));
    if (training.length < 7) return;
    const mean = training.reduce((a, b) => a + b, 0) / training.length;
    const sd = Math.sqrt(training.reduce((a, b) => a + (b - mean) ** 2, 0) / (training.length - 1));
    const z = (v - mean) / sd;
    if (Math.abs(z) > 3 && (!spikeOnly || z > 0)) flagged.add(i);
    out.push({ z, index: i, mean });
  });
  return out;
}

let raw: ReturnType<typeof readRaw>;

beforeAll(async () => {
  raw = readRaw(sampleExportDir());
  result = runPipeline(readSources([sampleExportDir()]), { now: Date.parse(NOW) });
  saveRunResult(t.db, createRun(t.db, "cli"), result);
  process.env.DATABASE_URL = `file:${t.path}`;
  process.env.MONITORING_NOW = NOW;
  const { writeReports } = await import("@/scripts/write-reports");
  files = await writeReports(out);
}, 120_000);
afterAll(() => t.cleanup());

describe("reports from the command line", () => {
  it("writes the four PDF reports", () => {
    expect(files).toEqual(["data-quality-run-1.pdf", "executive-summary-run-1.pdf", "attribution-run-1.pdf", "monitoring-run-1.pdf"]);
    for (const f of files) expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("match the web's downloads in content", async () => {
    const routes: [string, string, string][] = [
      ["data-quality-run-1.pdf", "@/app/api/reports/data-quality/route", "http://x/api/reports/data-quality"],
      ["executive-summary-run-1.pdf", "@/app/api/reports/executive/route", "http://x/api/reports/executive?model=last_click"],
      ["attribution-run-1.pdf", "@/app/api/reports/attribution/route", "http://x/api/reports/attribution?a=first_click&b=last_click&lookback=7"],
      ["monitoring-run-1.pdf", "@/app/api/reports/monitoring/route", "http://x/api/reports/monitoring"],
    ];
    for (const [file, module, url] of routes) {
      const { GET } = (await import(module)) as { GET: (r: Request) => Promise<Response> };
      const res = await GET(new Request(url));
      expect(res.status).toBe(200);
      const web = pdfText(Buffer.from(await res.arrayBuffer()));
      const cli = pdfText(readFileSync(join(out, file)));
      expect(cli).toBe(web);
    }
  }, 120_000);

  it("the independent reading agrees with the sample's known figures", () => {
    // 33,008 rows = 33,002 loaded + 6 quarantined; 187 orders worth $196,763.40; 25,920 sessions.
    expect(raw.rows).toHaveLength(33_008);
    expect(raw.loaded).toHaveLength(33_002);
    expect(raw.orders).toHaveLength(187);
    expect(raw.orders.reduce((s, o) => s + raw.cents(o), 0)).toBe(19_676_340);
    expect(raw.sessionStarts).toHaveLength(25_920);
    // 3,900 of them are robots' (Googlebot, Ahrefs, facebookexternalhit, ...): 22,020 visitor sessions.
    expect(raw.visits).toHaveLength(22_020);
    expect(raw.rows.filter((r) => r.robot && !r.invalid)).toHaveLength(4_063);
    expect(raw.collisions).toHaveLength(3);
    expect(raw.mismatched).toHaveLength(9);
  });
});

describe("robot sessions in the PDFs", () => {
  it("each report says how many robot sessions its visitor figures leave out, counted from the raw rows", () => {
    const robots = raw.sessionStarts.length - raw.visits.length;
    const sentence = `Visitor figures leave out ${int(robots)} robot sessions (${pct(robots / raw.sessionStarts.length)} of all sessions): crawlers and automation, by user agent.`;
    expect(sentence).toBe("Visitor figures leave out 3,900 robot sessions (15.0% of all sessions): crawlers and automation, by user agent.");
    for (const file of ["data-quality-run-1.pdf", "attribution-run-1.pdf", "monitoring-run-1.pdf"]) expect(pdfPages(file)[0]!.replace(/\s+/g, " "), file).toContain(sentence);
    // The executive summary carries it as a data caveat with the robot events.
    const two = pdfPages("executive-summary-run-1.pdf")[1]!.replace(/\s+/g, " ");
    expect(two).toContain(`${int(raw.rows.filter((r) => r.robot && !r.invalid).length)} events across the run: events came from crawlers and automation`);
  });
});

describe("the data quality PDF", () => {
  it("prints the row accounting and one row per file as the raw files count them", () => {
    const pages = pdfPages("data-quality-run-1.pdf");
    const one = pages[0]!;
    const input = raw.rows.length;
    const loaded = raw.loaded.length;
    const quarantined = raw.rows.filter((r) => r.invalid).length;
    const duplicates = raw.perFile.reduce((s, f) => s + f.duplicates, 0);
    expect(one).toContain(`Run #1 · ${raw.perFile.length} files · ${raw.perFile[0]!.day} to ${raw.perFile.at(-1)!.day}`);
    expect(one).toContain("Balanced: every input row is accounted for");
    expect(one).toContain(`${int(input)} input rows = ${int(loaded)} loaded + ${int(quarantined)} quarantined + ${int(duplicates)} duplicates`);
    expect(one).toContain("33,008 input rows = 33,002 loaded + 6 quarantined + 0 duplicates");
    expect(lines(one)).toContain([raw.perFile.length, input, loaded, quarantined, duplicates].map(int).join(" "));
    expect(lines(one)).toContain([loaded, quarantined, duplicates].map((n) => `${pct(n / input, 2)} of input`).join(" "));
    const fileRows = lines(one).filter((l) => /^events_\d{8}\.csv /.test(l));
    expect(fileRows).toEqual(
      raw.perFile.map((f) => {
        const loadedRows = f.rows - f.invalid - f.duplicates;
        const score = (Math.round((1000 * f.clean) / f.rows) / 10).toFixed(1);
        return [f.name, f.day, int(f.rows), f.aliased ? "aliased" : "canonical", "none", pct(f.nullClient / loadedRows, 2), pct(f.nullReferrer / loadedRows), int(f.invalid), int(f.duplicates), score].join(" ");
      }),
    );
    expect(fileRows[7]).toBe("events_20250302.csv 2025-03-02 4,335 aliased none 15.80% 46.8% 0 0 84.2");
    // The lowest score is the 2025-03-02 file's.
    const lowest = [...raw.perFile].sort((a, b) => a.clean / a.rows - b.clean / b.rows)[0]!;
    expect(lines(one)).toContain(lowest.name);
  });

  it("prints the session gap distribution of the raw events", () => {
    const two = pdfPages("data-quality-run-1.pdf")[1]!;
    const gaps = raw.gapMinutes;
    expect(two).toContain(`Gaps between consecutive events (${int(gaps.length)} gaps)`);
    for (const minutes of [5, 10, 15, 30, 60]) {
      const within = gaps.filter((g) => g <= minutes).length;
      const row = `${minutes} min${minutes === 30 ? " (timeout)" : ""} ${pct(within / gaps.length)} ${int(within)}`;
      expect(lineStartingWith(two, row), row).toBeDefined();
    }
    expect(lineStartingWith(two, "30 min (timeout) ")).toMatch(/^30 min \(timeout\) 76\.2% 5,805/);
  });

  it("prints each finding with the count the raw files give", () => {
    const text = pdfPages("data-quality-run-1.pdf").join("\n");
    const findingRows = lines(text).filter((l) => /^[A-Z_]{8,} events_\d{8}\.csv \d/.test(l)).map((l) => l.split(" ").slice(0, 3).join(" "));
    const expected: string[] = [];
    for (const f of raw.perFile) {
      if (f.invalid) expected.push(`INVALID_PURCHASE ${f.name} ${int(f.invalid)}`);
      if (f.nullClient) expected.push(`NULL_CLIENT_ID ${f.name} ${int(f.nullClient)}`);
      if (f.nullReferrer) expected.push(`NULL_REFERRER ${f.name} ${int(f.nullReferrer)}`);
      if (f.aliased) expected.push(`HEADER_ALIAS ${f.name} ${int(f.rows)}`);
      const collisions = raw.collisions.filter((os) => os.some((o) => o.file === f.name)).length;
      if (collisions) expected.push(`TRANSACTION_ID_COLLISION ${f.name} ${int(collisions)}`);
      const mismatches = raw.mismatched.filter((o) => o.file === f.name).length;
      if (mismatches) expected.push(`REVENUE_ITEMS_MISMATCH ${f.name} ${int(mismatches)}`);
      // The sample's known spike days (test/acceptance), counted here.
      if (f.day === "2025-03-02" || f.day === "2025-03-03") expected.push(`NULL_CLIENT_ID_SPIKE ${f.name} ${int(f.nullClient)}`);
    }
    expect([...findingRows].sort()).toEqual([...expected].sort());
    expect(findingRows).toContain("NULL_CLIENT_ID_SPIKE events_20250302.csv 685");
    expect(findingRows).toContain("NULL_CLIENT_ID_SPIKE events_20250303.csv 351");

    // One line per code: its one severity (docs/finding-codes.md) and its totals over its files,
    // in a sentence of its own (worked here from the raw counts, with singular and plural).
    const sum = (f: (x: FileFacts) => number) => raw.perFile.reduce((s, x) => s + f(x), 0);
    const filesWith = (f: (x: FileFacts) => number) => raw.perFile.filter((x) => f(x) > 0).length;
    const invalid = sum((f) => f.invalid);
    const invalidFiles = filesWith((f) => f.invalid);
    const nullClient = sum((f) => f.nullClient);
    const spike = raw.perFile.filter((f) => f.day >= "2025-03-02");
    const collisionFiles = new Set(raw.collisions.map((os) => [...os].sort((a, b) => a.ms - b.ms).at(-1)!.file)).size;
    const mismatchFiles = new Set(raw.mismatched.map((o) => o.file)).size;
    const s = (n: number, one: string, many: string) => `${int(n)} ${n === 1 ? one : many}`;
    const joined = lines(text).join(" ");
    const codeLines: [string, string, string][] = [
      ["INVALID_PURCHASE", "critical", `${s(invalid, "purchase", "purchases")} in ${s(invalidFiles, "file", "files")} have no transaction id, revenue <= 0 or no valid item and were quarantined (not orders).`],
      ["TRANSACTION_ID_COLLISION", "critical", `${s(raw.collisions.length, "transaction id", "transaction ids")} in ${s(collisionFiles, "file", "files")} are shared by different purchases;`],
      ["NULL_CLIENT_ID_SPIKE", "critical", `${spike.length} days have an empty client id rate far above the other days: ${int(spike.reduce((t, f) => t + f.nullClient, 0))} events without a client id (the rows of their NULL_CLIENT_ID findings, not more)`],
      ["NULL_CLIENT_ID", "warning", `${s(nullClient, "loaded row", "loaded rows")} in ${s(filesWith((f) => f.nullClient), "file", "files")} have no client id: counted, but not sessionized or attributed.`],
      ["REVENUE_ITEMS_MISMATCH", "warning", `${s(raw.mismatched.length, "purchase", "purchases")} in ${s(mismatchFiles, "file", "files")} have revenue that differs from the sum of their items' price x quantity; the orders keep their revenue.`],
      ["HEADER_ALIAS", "info", `${int(raw.perFile.filter((f) => f.aliased).reduce((t, f) => t + f.rows, 0))} rows in ${filesWith((f) => (f.aliased ? 1 : 0))} files were read through a header alias`],
      ["NULL_REFERRER", "info", `${s(sum((f) => f.nullReferrer), "loaded row", "loaded rows")} in ${s(filesWith((f) => f.nullReferrer), "file", "files")} have an empty referrer`],
    ];
    for (const [code, severity, sentence] of codeLines) expect(joined, code).toContain(`${code} ${severity} ${sentence}`);
    expect(joined).toContain("6 purchases in 5 files have no transaction id");
    expect(joined).toContain("1,277 loaded rows in 9 files have no client id");
    // Each code under exactly one severity, the documented one: the code lines name each code once.
    const documented = new Map(
      [...readFileSync(join(process.cwd(), "docs/finding-codes.md"), "utf8").matchAll(/^\| `([A-Z_]+)` \| (critical|warning|info) \|/gm)].map((m) => [m[1]!, m[2]!]),
    );
    // The finding rows printed (the codes counted above, and any run-wide ones such as robot traffic).
    const rowCodes = lines(text).filter((l) => /^[A-Z_]{8,} (events_\d{8}\.csv|whole run) \d/.test(l)).map((l) => l.split(" ")[0]!);
    const codes = [...new Set(rowCodes)];
    expect(codes).toEqual(expect.arrayContaining([...new Set(expected.map((e) => e.split(" ")[0]!))]));
    const named = lines(text).filter((l) => /^[A-Z_]{8,} (critical|warning|info) /.test(l)).map((l) => l.split(" ").slice(0, 2).join(" "));
    expect([...named].sort()).toEqual(codes.map((c) => `${c} ${documented.get(c)}`).sort());
    // Per severity: codes and findings (one per check and file), never rows summed across codes.
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    for (const [severity, title] of [["critical", "CRITICAL Critical"], ["warning", "WARNING Warnings"], ["info", "INFO Information"]] as const) {
      const of = codes.filter((c) => documented.get(c) === severity);
      const findings = rowCodes.filter((c) => of.includes(c)).length;
      expect(lineStartingWith(text, title)).toBe(`${title} ${plural(of.length, "code")}, ${plural(findings, "finding")}`);
    }
    // Invalid purchases on 5 files, collisions on 3, spikes on 2: 10 critical findings in 3 codes.
    expect(lineStartingWith(text, "CRITICAL Critical")).toBe("CRITICAL Critical 3 codes, 10 findings");
    // Quarantine by reason: every quarantined row is an invalid purchase.
    const quarantined = raw.rows.filter((r) => r.invalid).length;
    expect(lines(text)).toContain(`INVALID_PURCHASE ${quarantined}`);
    expect(text).toContain(`${quarantined} quarantined rows in total`);
  });
});

describe("the executive summary PDF", () => {
  it("prints the top products and the share of order revenue product revenue covers, as the raw items price them", () => {
    const two = pdfPages("executive-summary-run-1.pdf")[1]!;
    // Every item of the sample has a price and a quantity: product revenue is price x quantity.
    const byName = new Map<string, { cents: number; units: number }>();
    let product = 0;
    let over = 0;
    let overOrders = 0;
    for (const o of raw.orders) {
      let priced = 0;
      for (const it of (o.purchase!.items ?? []).filter((i) => i?.item_id)) {
        const c = Math.round(it.item_price! * it.quantity! * 100);
        priced += c;
        const p = byName.get(it.item_name ?? it.item_id!) ?? { cents: 0, units: 0 };
        byName.set(it.item_name ?? it.item_id!, { cents: p.cents + c, units: p.units + it.quantity! });
      }
      product += priced;
      if (priced > raw.cents(o)) {
        over += priced - raw.cents(o);
        overOrders++;
      }
    }
    const revenue = raw.orders.reduce((s, o) => s + raw.cents(o), 0);
    const note = lines(two).join(" ");
    expect(note).toContain(`Product revenue ${usd(product / 100, 0)} is ${pct(product / revenue)} of order revenue ${usd(revenue / 100, 0)}. Priced items exceed the revenue of ${overOrders} orders by ${usd(over / 100, 0)}; they count at price x quantity.`);
    expect(note).toContain("Product revenue $207,069 is 105.2% of order revenue $196,763. Priced items exceed the revenue of 9 orders by $10,306;");
    expect(two).not.toContain("of which est.");
    const top = [...byName].sort((a, b) => b[1].cents - a[1].cents).slice(0, 8);
    for (const [name, p] of top) expect(linesContaining(two, `${name.length > 34 ? `${name.slice(0, 33)}…` : name} ${int(p.units)} ${usd(p.cents / 100, 0)}`), name).toHaveLength(1);
  });

  it("prints the KPIs of the whole data set", () => {
    const [one] = pdfPages("executive-summary-run-1.pdf");
    const revenue = raw.orders.reduce((s, o) => s + raw.cents(o), 0) / 100;
    const orders = raw.orders.length;
    const sessions = raw.visits.length;
    const days = raw.daily.length;
    expect(one).toContain(`Feb 23 – Mar 3, 2025 (${days} days) · channel credit: Last click`);
    expect(lines(one!)).toContain([usd(revenue, 0), int(orders), usd(revenue / orders, 0), int(sessions)].join(" "));
    expect(lines(one!)).toContain("$196,763 187 $1,052 22,020");
    // 9 days of data: the run rate ($196,763 / 9 x 365 = $7.98M) is withheld, saying why.
    expect(days).toBeLessThan(28);
    expect(lines(one!).some((l) => l.startsWith(`${pct(orders / sessions, 2)} ${usd(revenue / sessions)} — `))).toBe(true);
    expect(lines(one!).some((l) => l.startsWith("0.85% $8.94 — "))).toBe(true);
    expect(lines(one!).join(" ")).toContain(`withheld: needs 28 days of data, has ${days}`);
    expect(one).not.toContain(`$${((revenue / days) * 365 / 1e6).toFixed(2)}M`);
    expect(one).toContain(`${int(orders)} orders from ${int(sessions)} sessions in ${days}`);
  });

  it("prints the last-click channel mix, adding up to the revenue", () => {
    const [one] = pdfPages("executive-summary-run-1.pdf");
    const total = raw.orders.reduce((s, o) => s + raw.cents(o), 0);
    const credit = result.channelPerformance.filter((c) => c.model === "last_click" && c.lookback_days === 7 && (c.revenue > 0 || c.sessions > 0));
    expect(credit.reduce((s, c) => s + Math.round(c.revenue * 100), 0)).toBe(total);
    const mix = lines(one!).filter((l) => /^[A-Z][A-Za-z ]+ \d+\.\d% \$[\d,]+$/.test(l));
    expect([...mix].sort()).toEqual(credit.map((c) => `${c.channel} ${pct(Math.round(c.revenue * 100) / total)} ${usd(c.revenue, 0)}`).sort());
    expect(mix[0]).toBe("Direct 52.9% $104,172");
    // Largest first.
    const amounts = mix.map((l) => Number(l.slice(l.lastIndexOf("$") + 1).replace(/,/g, "")));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it("prints new vs returning visitors, time to purchase and the caveats", () => {
    const [, two] = pdfPages("executive-summary-run-1.pdf");
    // New: the client's first session; returning: any later one.
    const newSessions = raw.visits.filter((s) => s.n === 1).length;
    const returningSessions = raw.visits.length - newSessions;
    const first = raw.orders.filter((o) => raw.sessionNumber(o) === 1);
    const later = raw.orders.filter((o) => raw.sessionNumber(o) > 1);
    const sum = (os: typeof first) => os.reduce((s, o) => s + raw.cents(o), 0) / 100;
    expect(linesContaining(two!, `New ${int(newSessions)} ${int(first.length)} ${pct(first.length / newSessions, 2)} ${usd(sum(first), 0)}`)).toHaveLength(1);
    expect(linesContaining(two!, `Returning ${int(returningSessions)} ${int(later.length)} ${pct(later.length / returningSessions, 2)} ${usd(sum(later), 0)}`)).toHaveLength(1);
    expect(lines(two!).some((l) => l.endsWith("New 20,277 137 0.68% $136,635"))).toBe(true);
    // Time to purchase, on one definition for the chart and its caption: orders in the buyer's first
    // session, then later-session orders by time from the client's first event.
    const hours = later.map((o) => (o.ms - raw.firstSeen(o.client)) / HOUR);
    const buckets: [string, number][] = [
      ["First session", first.length],
      ["Later, < 1 day", hours.filter((h) => h < 24).length],
      ["Later, 1–7 days", hours.filter((h) => h >= 24 && h < 168).length],
      ["Later, 7–30 days", hours.filter((h) => h >= 168 && h < 720).length],
      ["Later, > 30 days", hours.filter((h) => h >= 720).length],
    ];
    for (const [label, n] of buckets) expect(lines(two!).some((l) => l.endsWith(`${label} ${n}`)), `${label} ${n}`).toBe(true);
    expect(buckets.reduce((s, [, n]) => s + n, 0)).toBe(raw.orders.length);
    expect(lines(two!).join(" ")).toContain(`${pct(first.length / raw.orders.length)} of orders (${first.length} of ${raw.orders.length}) came in the buyer's first session;`);
    // Caveats: 6 invalid purchases on 5 days, 3 shared transaction ids, 685 + 351 events without a client id.
    const invalidDays = new Set(raw.rows.filter((r) => r.invalid).map((r) => r.day));
    expect(two).toContain(`${raw.rows.filter((r) => r.invalid).length} purchases on ${invalidDays.size} days, Feb 24 – Mar 3, 2025:`);
    expect(two).toContain(`${raw.collisions.length} transaction ids on Feb 26, Feb 27, Mar 1:`);
    const spikes = raw.perFile.filter((f) => f.name >= "events_20250302.csv").reduce((s, f) => s + f.nullClient, 0);
    expect(two).toContain(`${int(spikes)} events on Mar 2, Mar 3:`);
  });
});

describe("the attribution PDF", () => {
  it("prints the totals, both models' credit per channel and the difference", () => {
    const [one] = pdfPages("attribution-run-1.pdf");
    const revenue = raw.orders.reduce((s, o) => s + raw.cents(o), 0) / 100;
    const orders = raw.orders.length;
    const sessions = raw.visits.length;
    expect(lines(one!)).toContain(`${int(orders)} ${usd(revenue, 0)} ${int(sessions)}`);
    // Every order has a client id: all attributed.
    expect(raw.orders.every((o) => o.client)).toBe(true);
    expect(lines(one!)).toContain(`all attributed AOV ${usd(revenue / orders)} conversion ${pct(orders / sessions, 2)}`);
    // Per channel: first click (A) and last click (B) from the pipeline's credit, difference worked here.
    const credit = (model: string) => new Map(result.channelPerformance.filter((c) => c.model === model && c.lookback_days === 7).map((c) => [c.channel, c]));
    const a = credit("first_click");
    const b = credit("last_click");
    const table = lines(one!).filter((l) => /^[A-Z][A-Za-z ]+ \d+ \$[\d,]+\.\d\d /.test(l) && !l.startsWith("Total "));
    const channels = table.map((l) => l.slice(0, l.search(/ \d/)));
    expect(channels.length).toBeGreaterThan(5);
    for (const [i, channel] of channels.entries()) {
      const ra = a.get(channel)!;
      const rb = b.get(channel)!;
      const diff = Math.round((rb.revenue - ra.revenue) * 100) / 100;
      const diffText = diff === 0 ? usd(0) : `${diff > 0 ? "+" : ""}${usd(diff)}`;
      const pctText = ra.revenue > 0 ? `${diff > 0 ? "+" : ""}${pct(diff / ra.revenue)}` : "-";
      expect(table[i]).toBe(`${channel} ${int(ra.orders)} ${usd(ra.revenue)} ${int(rb.orders)} ${usd(rb.revenue)} ${diffText} ${pctText}`);
    }
    expect(table[0]).toBe("Direct 85 $92,465.00 93 $104,171.80 +$11,706.80 +12.7%");
    // Both models credit exactly the orders and revenue of the raw purchases.
    expect(lineStartingWith(one!, "Total ")).toBe(`Total ${int(orders)} ${usd(revenue)} ${int(orders)} ${usd(revenue)} $0.00 0.0%`);
    expect(lineStartingWith(one!, "Total ")).toBe("Total 187 $196,763.40 187 $196,763.40 $0.00 0.0%");
  });

  it("prints the journey figures", () => {
    const text = pdfPages("attribution-run-1.pdf").join("\n");
    const single = raw.orders.filter((o) => raw.sessionNumber(o) === 1).length;
    // Median time from the first session in the 7-day window to the purchase.
    const waits = raw.orders
      .map((o) => (o.ms - Math.min(...raw.startsOf.get(o.client)!.filter((s) => s >= o.ms - 7 * 24 * HOUR && s <= o.ms))) / MINUTE)
      .sort((x, y) => x - y);
    const median = waits.length % 2 ? waits[(waits.length - 1) / 2]! : (waits[waits.length / 2 - 1]! + waits[waits.length / 2]!) / 2;
    expect(lines(text)).toContain(`${median.toFixed(1)} min ${pct(single / raw.orders.length)} 0`);
    expect(lines(text)).toContain(`${single} of ${raw.orders.length} orders no client id or no session in the window`);
  });
});

describe("the monitoring PDF", () => {
  it("prints the overall status and every check with its status and value", () => {
    const [one] = pdfPages("monitoring-run-1.pdf");
    const rows = lines(pdfPages("monitoring-run-1.pdf").join("\n")); // the check table may run onto page 2
    // Freshness: the newest event against the report's clock.
    const newest = Math.max(...raw.loaded.map((r) => r.ms));
    const age = (Date.parse(NOW) - newest) / HOUR;
    expect(one).toContain(`Newest event ${new Date(newest).toISOString().slice(0, 16).replace("T", " ")} UTC is ${age.toFixed(1)} hours old.`);
    // Anomaly checks: the strongest z of the scored days, worked from the raw daily series.
    const metrics: [string, string, keyof (typeof raw.daily)[number], boolean][] = [
      ["Events anomaly", "P1", "events", false],
      ["Sessions anomaly", "P1", "sessions", false],
      ["Orders anomaly", "P1", "orders", false],
      ["Empty client id rate", "P1", "null_client_id_rate", true], // the name wraps: "anomaly" below
      ["Null referrer rate anomaly", "P1", "null_referrer_rate", true],
      ["Invalid purchases anomaly", "P1", "invalid_purchases", true],
      ["Revenue anomaly", "P2", "revenue", false],
      ["Conversion rate anomaly", "P2", "conversion_rate", false],
      ["Average order value", "P2", "aov", false], // wraps
      ["Revenue per session", "P2", "revenue_per_session", false], // wraps
    ];
    const expected: [string, string, string][] = [
      [age > 72 ? "CRITICAL" : age > 36 ? "WARNING" : "PASS", "Data freshness", `${age.toFixed(1)} h`],
      ["PASS", "Revenue reconciliation", "0 differences"],
      ["PASS", "Pipeline stage health", `${((100 * raw.loaded.length) / raw.rows.length).toFixed(1)}% loaded`],
      // Schema: no file lacks a column; the last five spell client_id as clientId (a rename: a warning).
      [raw.perFile.some((f) => f.aliased) ? "WARNING" : "PASS", "Columns per day (schema)", "0 missing"],
    ];
    for (const [name, , key, spikeOnly] of metrics) {
      const scored = strongestZ(raw.daily.map((d) => d[key] as number), spikeOnly);
      const best = [...scored].sort((x, y) => Math.abs(y.z) - Math.abs(x.z))[0]!;
      const alarm = spikeOnly ? best.z : Math.abs(best.z);
      // Material: the flagged empty client id days are 15.8% and 8.7% against about 1% (>= 2 points and >= 50%).
      const status = alarm > 4 ? "CRITICAL" : alarm > 3 ? "WARNING" : "PASS";
      expected.push([status, name, `z ${best.z > 0 ? "+" : "-"}${Math.abs(best.z).toFixed(2)}`]);
    }
    const checkRows = rows.filter((l) => /^(PASS|WARNING|CRITICAL) [A-Z][a-z]/.test(l));
    // The channel-mix check (its scoring is worked by hand in lib/pipeline/channel-mix.test.ts) comes
    // after the schema check; here: that it is printed, with a status and its value in share points.
    const mix = /^(PASS|WARNING|CRITICAL) Channel mix (\d+\.\d pts|not scored) /.exec(checkRows[4] ?? "");
    expect(mix, checkRows[4]).not.toBeNull();
    expected.splice(4, 0, [mix![1]!, "Channel mix", mix![2]!]);
    expect(checkRows).toHaveLength(expected.length);
    expected.forEach(([status, name, value], i) => expect(checkRows[i]!.startsWith(`${status} ${name} ${value} `), `${checkRows[i]} vs ${status} ${name} ${value}`).toBe(true));
    expect(checkRows[8]!.startsWith("CRITICAL Empty client id rate z +41.40 ")).toBe(true);
    // The overall verdict is the worst check; the counts are the rows'.
    const critical = expected.filter(([s]) => s === "CRITICAL").length;
    const warning = expected.filter(([s]) => s === "WARNING").length;
    const overall = critical ? "CRITICAL" : warning ? "WARNING" : "PASS";
    expect(one).toContain(`${overall}: ${[critical ? `${critical} critical` : "", warning ? `${warning} warning${warning === 1 ? "" : "s"}` : ""].filter(Boolean).join(", ")} of ${expected.length} checks`);
    expect(one).toContain("CRITICAL: 1 critical, 1 warning of 15 checks");
    expect(rows).toContain(`${overall} ${critical} ${warning} ${expected.length - critical - warning} of ${expected.length} 2025-03-03`);
    // The flagged days, with the rates and the expected rate of the raw series.
    const rates = raw.daily.map((d) => d.null_client_id_rate);
    const [mar2, mar3] = strongestZ(rates, true).slice(-2);
    expect(one).toContain(`Empty client id rate 2025-03-02: ${pct(rates[7]!, 2)} vs expected ${pct(mar2!.mean, 2)}`);
    expect(one).toContain(`(z ${mar2!.z.toFixed(1)}); 2025-03-03: ${pct(rates[8]!, 2)} vs expected ${pct(mar3!.mean, 2)} (z ${mar3!.z.toFixed(1)}).`);
    // History: this run, from the command line, with its input rows.
    const text = pdfPages("monitoring-run-1.pdf").join("\n");
    expect(lineStartingWith(text, "#1 (current) ")).toMatch(new RegExp(`^#1 \\(current\\) \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC cli ${int(raw.rows.length)} ${overall}$`));
  });
});
