/**
 * npm run bench [-- --sizes 50000,1000000] : times every pipeline stage on generated data (and on
 * the sample export when SAMPLE_EXPORT_DIR or ../shared/data/sample-export exists) and prints a
 * table with peak memory. Each dataset runs in its own process.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateDemo } from "@/lib/demo/generator";

interface Measurement {
  rows: number;
  timingsMs: Record<string, number>;
  totalMs: number;
  peakRssMb: number;
  ingestQualityRssMb: number;
  validationPassed: boolean;
}

function measure(inputs: string[]): Measurement {
  const out = execFileSync(process.execPath, [join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "scripts/bench-one.ts", ...inputs], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Measurement;
}

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf("--sizes");
  const sizes = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(",").map(Number) : [50_000, 1_000_000];
  const results: { name: string; m: Measurement }[] = [];
  const sample = resolve(process.env.SAMPLE_EXPORT_DIR ?? "../shared/data/sample-export");
  if (existsSync(sample)) results.push({ name: "sample export (9 days)", m: measure([sample]) });
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "bench-data-"));
    try {
      const days = 10;
      await generateDemo({ days, eventsPerDay: Math.round(size / days), seed: 7, endDate: "2025-03-09" }, dir);
      results.push({ name: `generated ${size.toLocaleString("en-US")} events`, m: measure([dir]) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const stages = [...new Set(results.flatMap((r) => Object.keys(r.m.timingsMs)))];
  const header = ["dataset", "rows", ...stages, "read→quality", "its peak RSS", "total", "peak RSS"];
  const rows = results.map(({ name, m }) => [
    name,
    m.rows.toLocaleString("en-US"),
    ...stages.map((s) => `${Math.round(m.timingsMs[s] ?? 0)}`),
    `${Math.round((m.timingsMs.read ?? 0) + (m.timingsMs.ingest ?? 0) + (m.timingsMs.normalize ?? 0) + (m.timingsMs.quality ?? 0))}`,
    `${m.ingestQualityRssMb} MB`,
    `${(m.totalMs / 1000).toFixed(2)} s`,
    `${m.peakRssMb} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log("Stage timings in ms (read = reading the files (thread pool) overlapped with decoding them; read→quality = read + ingest + normalize + quality; save = SQLite transaction)");
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  for (const { name, m } of results) if (!m.validationPassed) console.log(`WARNING: validation failed on ${name}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
