/**
 * The command line as a user runs it: a real process per call (`node scripts/cli.mjs pipeline`,
 * its esbuild bundle) on a throwaway database and data folder. Argument parsing and exit codes,
 * the data set it shares with uploads, and the --json summary against docs/json-summary.md
 * (every documented key is written, every written key is documented).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "@/lib/db/sqlite";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { sampleExportDir } from "../sample-export";

const work = mkdtempSync(join(tmpdir(), "cli-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, DATABASE_URL: `file:${join(work, "cli.db")}`, DATA_DIR: join(work, "data"), TZ: "UTC" };

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  return cliWith({}, ...args);
}
function cliWith(extra: Record<string, string>, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), "scripts", "cli.mjs"), "pipeline", ...args], { env: { ...env, ...extra }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const publishedRun = () => {
  const db = openSqlite(join(work, "cli.db"));
  try {
    return (db.prepare(`SELECT MAX("id") AS id FROM "Run" WHERE "status" = 'succeeded'`).get() as { id: number }).id;
  } finally {
    db.close();
  }
};
const json = (name: string) => JSON.parse(readFileSync(join(work, name), "utf8")) as Record<string, any>;
const sample = sampleExportDir();
const sampleFiles = readdirSync(sample).filter((f) => f.endsWith(".csv")).sort();

/** The documented example object: the jsonc block of docs/json-summary.md without its comments. */
function documented(): Record<string, any> {
  const doc = readFileSync(join(process.cwd(), "docs", "json-summary.md"), "utf8");
  const block = /```jsonc\n([\s\S]*?)```/.exec(doc)![1]!;
  return JSON.parse(block.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, ""));
}
const keys = (o: object) => Object.keys(o).sort();

describe("arguments and exit codes", () => {
  it("--help prints the usage and exits 0", () => {
    const r = cli("--help");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Usage: npm run pipeline -- <files or folders\.\.\.> \[--rebuild\] \[--fresh\]/);
  });
  it("no input is a usage error (exit 2)", () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Error: No input files or folders given/);
  });
  it("an unknown option and an option without its value are usage errors", () => {
    expect(cli(sample, "--incremental")).toMatchObject({ code: 2, err: expect.stringMatching(/^Error: Unknown option --incremental\./) });
    expect(cli(sample, "--json")).toMatchObject({ code: 2, err: expect.stringMatching(/^Error: --json needs a file name\./) });
    expect(cli("--fresh", "--rebuild")).toMatchObject({ code: 2, err: expect.stringMatching(/^Error: --fresh needs the files/) });
  });
  it("a missing path exits 1 and creates no run", () => {
    const r = cli(join(work, "nope.csv"));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Error: Cannot read "${join(work, "nope.csv")}": no such file or folder.`);
  });
  it("a file that is not an event export is rejected and nothing is stored", () => {
    const bad = join(work, "prices.csv");
    writeFileSync(bad, "sku,price\nA,1\n");
    const r = cli(join(sample, sampleFiles[0]!), bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain("1 file(s) rejected; nothing was stored:");
    expect(r.err).toContain("prices.csv: This is not an event export");
  });
});

describe("the data set the command line shares with uploads", () => {
  it("two days: stored as command-line partitions, run and published", () => {
    const r = cli(join(sample, sampleFiles[0]!), join(sample, sampleFiles[1]!), "--json", join(work, "a.json"));
    expect(r.code, r.err).toBe(0);
    const s = json("a.json");
    expect(s.run).toEqual({ id: s.runId, mode: "full", partitionsAdded: 2, partitionsReplaced: 0, partitionsRemoved: 0, recomputedDays: expect.any(Array) });
    expect(s.files.map((f: { name: string }) => f.name)).toEqual(sampleFiles.slice(0, 2));
    const db = openSqlite(join(work, "cli.db"));
    try {
      expect(db.prepare(`SELECT "name", "source" FROM "Partition" ORDER BY "name"`).all()).toEqual(sampleFiles.slice(0, 2).map((name) => ({ name, source: "cli" })));
      expect(db.prepare(`SELECT "status", "trigger" FROM "Run" WHERE "id" = ?`).get(s.runId)).toEqual({ status: "succeeded", trigger: "cli" });
    } finally {
      db.close();
    }
  });

  it("the whole folder adds the other days; the summary covers the whole data set", () => {
    const r = cli(sample, "--json", join(work, "b.json"));
    expect(r.code, r.err).toBe(0);
    const s = json("b.json");
    expect(s.run).toMatchObject({ mode: "full", partitionsAdded: sampleFiles.length - 2, partitionsReplaced: 0, partitionsRemoved: 0 });
    // The real export's totals, as the acceptance test knows them.
    expect(s.accounting).toEqual({ inputRows: 33008, loadedRows: 33002, quarantinedRows: 6, duplicateRows: 0 });
    expect(s.orders).toBe(187);
    // Every item priced: $207,069.00 of products, the nine orders' items $10,305.60 above their revenue.
    expect(s.productRevenue).toEqual({ priced: 207_069, estimated: 0, orderRevenue: 196_763.4 });
  });

  it("the same files again change nothing in the data", () => {
    const r = cli(sample, "--json", join(work, "c.json"));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Stored ${sampleFiles.length} file(s): 0 added or replaced, ${sampleFiles.length} unchanged.`);
    const [b, c] = [json("b.json"), json("c.json")];
    expect(c.run).toMatchObject({ partitionsAdded: 0, partitionsReplaced: 0, partitionsRemoved: 0 });
    expect({ ...c, runId: 0, run: null, timingsMs: null, monitoring: null }).toEqual({ ...b, runId: 0, run: null, timingsMs: null, monitoring: null });
  });

  it("--rebuild recomputes the stored partitions without inputs", () => {
    const r = cli("--rebuild", "--json", join(work, "d.json"));
    expect(r.code, r.err).toBe(0);
    expect(json("d.json").accounting.inputRows).toBe(33008);
  });

  it("a data set larger than the memory limit is refused with a message naming the limit, not a V8 abort", () => {
    const before = publishedRun();
    const r = cliWith({ NODE_OPTIONS: "--max-old-space-size=24" }, "--rebuild");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a full run needs about \d+ MB of memory, more than this process may use \(\d+ MB, set by Node's --max-old-space-size\)/);
    expect(r.err).not.toContain("FATAL ERROR");
    expect(publishedRun()).toBe(before);
  });

  it("--fresh starts from an empty data set", () => {
    const r = cli("--fresh", join(sample, sampleFiles[2]!), "--json", join(work, "e.json"));
    expect(r.code, r.err).toBe(0);
    const s = json("e.json");
    expect(s.files.map((f: { name: string }) => f.name)).toEqual([sampleFiles[2]]);
    expect(s.run).toMatchObject({ partitionsAdded: 0, partitionsReplaced: 0, partitionsRemoved: sampleFiles.length - 1 });
  });
});

describe("bad values through the command line", () => {
  it("a purchase of revenue 1e308 is quarantined and the run is published", () => {
    const file = join(work, "events_20250310.csv");
    const rows = [
      eventRow({ client: "a", ts: "2025-03-10T10:00:00.000Z" }),
      eventRow({ client: "a", ts: "2025-03-10T10:05:00.000Z", event: "checkout_completed", data: '{"transaction_id":"T-BIG","revenue":1e+308,"items":[{"item_id":"A","quantity":1,"item_price":10}]}' }),
      eventRow({ client: "b", ts: "2025-03-10T11:00:00.000Z", event: "checkout_completed", data: purchaseData("T-OK", 42, [{ id: "A", price: 42, qty: 1 }]) }),
    ];
    writeFileSync(file, csvFile("events_20250310.csv", rows).content as string);
    const r = cli(file, "--json", join(work, "f.json"));
    expect(r.code, r.err).toBe(0);
    const s = json("f.json");
    const day = s.findings.filter((f: { day: string }) => f.day === "2025-03-10");
    expect(day.find((f: { code: string }) => f.code === "INVALID_VALUE")).toMatchObject({ count: 1 });
    // The one good order is stored (the other day of this data set adds its own orders).
    const db = openSqlite(join(work, "cli.db"));
    try {
      expect(db.prepare(`SELECT "revenueCents" FROM "Order" WHERE "transactionId" LIKE 'T-%'`).all()).toEqual([{ revenueCents: 4200 }]);
    } finally {
      db.close();
    }
  });
});

describe("the --json summary matches docs/json-summary.md", () => {
  it("every documented key is written and every written key is documented", () => {
    const doc = documented();
    const s = json("b.json");
    expect(keys(s)).toEqual(keys(doc));
    for (const k of ["run", "accounting", "productRevenue", "monitoring", "timingsMs"]) expect(keys(s[k]), k).toEqual(keys(doc[k]));
    expect(keys(s.files[0])).toEqual(keys(doc.files[0]));
    expect(keys(s.findings[0])).toEqual(keys(doc.findings[0]));
    expect(keys(s.validation[0])).toEqual(keys(doc.validation[0]));
    expect(keys(s.monitoring.checks[0])).toEqual(keys(doc.monitoring.checks[0]));
    expect(keys(s.attribution)).toEqual(keys(doc.attribution));
    const channel = Object.values(s.attribution.first_click)[0] as object;
    expect(keys(channel)).toEqual(keys(doc.attribution.first_click.Direct));
  });
});
