/**
 * Each finding code has exactly one severity, the one docs/finding-codes.md gives it, whatever the
 * file or the rate: the Data quality page, its PDF and the --json summary all show the pipeline's
 * severity, so a code must never be emitted at two. The expected severities are read from the doc
 * as text; the findings come from the real sample export, generated demo data with every planted
 * defect, and a hand-made file with the defects the demo does not plant.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "@/lib/demo/generator";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type Finding } from "@/lib/pipeline";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { sampleExportDir } from "../sample-export";

/** The main table of docs/finding-codes.md: code → the severity cell, as written. */
function documentedSeverities(): Map<string, string> {
  const rows = readFileSync(join(process.cwd(), "docs/finding-codes.md"), "utf8")
    .split("\n")
    .map((l) => /^\| `([A-Z_]+)` \| ([^|]+) \|/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  return new Map(rows.map((m) => [m[1]!, m[2]!.trim()]));
}

let dir: string;
const findings: Finding[] = [];

beforeAll(async () => {
  findings.push(...runPipeline(readSources([sampleExportDir()]), { now: Date.parse("2025-03-04T06:00:00Z") }).quality.findings);
  dir = mkdtempSync(join(tmpdir(), "severities-"));
  await generateDemo({ days: 14, eventsPerDay: 1500, seed: 7, endDate: "2025-03-14" }, dir);
  findings.push(...runPipeline(readSources([dir]), { now: Date.parse("2025-03-15T06:00:00Z") }).quality.findings);
  // What the demo does not plant: a malformed row, a value that cannot be stored, an unusable item price.
  const day = "2025-02-23";
  const at = (mm: number) => `${day}T10:${String(mm).padStart(2, "0")}:00.000Z`;
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => eventRow({ client: `c${i}`, ts: at(i) })),
    ["only", "three", "fields"],
    eventRow({ client: "c1", ts: at(20), event: "checkout_completed", data: '{"transaction_id":"V1","revenue":1e400,"items":[{"item_id":"A","quantity":1,"item_price":10}]}' }),
    eventRow({ client: "c2", ts: at(21), event: "checkout_completed", data: purchaseData("P1", 10, [{ id: "A", price: -5, qty: 1 }]) }),
  ];
  findings.push(...runPipeline([csvFile(`events_${day.replace(/-/g, "")}.csv`, rows)]).quality.findings);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("finding severities", () => {
  const documented = documentedSeverities();

  it("the doc gives every code one severity (no 'info, warning above 5%')", () => {
    expect(documented.size).toBeGreaterThan(15);
    for (const [code, severity] of documented) expect(severity, code).toMatch(/^(critical|warning|info)$/);
    expect(documented.get("NULL_CLIENT_ID")).toBe("warning");
    expect(documented.get("NULL_CLIENT_ID_SPIKE")).toBe("critical");
  });

  it("the pipeline emits each code at the documented severity only, on every file", () => {
    const seen = new Map<string, Set<string>>();
    for (const f of findings) seen.set(f.code, (seen.get(f.code) ?? new Set()).add(f.severity));
    // The inputs above raise every code of the doc.
    expect([...documented.keys()].filter((c) => !seen.has(c))).toEqual([]);
    // One severity per code, the doc's (a code the doc lacks yet is docs-match-code.test.ts's to catch).
    for (const [code, severities] of seen) {
      expect(severities.size, `${code}: ${[...severities].join(", ")}`).toBe(1);
      if (documented.has(code)) expect([...severities], code).toEqual([documented.get(code)]);
    }
    // NULL_CLIENT_ID on a quiet file (about 1%) and on a spike day (15.8%) alike.
    const nullClient = findings.filter((f) => f.code === "NULL_CLIENT_ID" && f.file?.startsWith("events_2025030"));
    expect(nullClient.find((f) => f.file === "events_20250302.csv")!.count).toBe(685);
    expect(nullClient.find((f) => f.file === "events_20250301.csv")!.count).toBe(23);
    expect(new Set(nullClient.map((f) => f.severity))).toEqual(new Set(["warning"]));
  });
});
