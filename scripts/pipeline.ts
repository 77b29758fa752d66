/**
 * npm run pipeline -- <files|folders...> [--json out.json]
 * Runs the pipeline on event exports, saves the run, prints a readable summary.
 */
import { writeFileSync } from "node:fs";
import { IngestError, buildSummary, type PipelineResult } from "@/lib/pipeline";
import { SourceError } from "@/lib/io/read-sources";
import { exportRun } from "@/lib/db/export-run";
import { openSqlite } from "@/lib/db/sqlite";
import { runAndSave } from "./run-and-save";
import { writeReports } from "./write-reports";

const USAGE = "Usage: npm run pipeline -- <files or folders...> [--json out.json] [--out <dir>] [--pdf <dir>]";

interface Args {
  inputs: string[];
  json: string | null;
  out: string | null;
  pdf: string | null;
}

export function parseArgs(argv: string[]): Args {
  const inputs: string[] = [];
  const opts: Record<"--json" | "--out" | "--pdf", string | null> = { "--json": null, "--out": null, "--pdf": null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json" || a === "--out" || a === "--pdf") {
      const next = argv[++i];
      if (!next || next.startsWith("--")) throw new UsageError(`${a} needs ${a === "--json" ? "a file name" : "a folder"}.`);
      opts[a] = next;
    } else if (a === "--help" || a === "-h") throw new UsageError("");
    else if (a.startsWith("--")) throw new UsageError(`Unknown option ${a}.`);
    else inputs.push(a);
  }
  if (inputs.length === 0) throw new UsageError("No input files or folders given.");
  return { inputs, json: opts["--json"], out: opts["--out"], pdf: opts["--pdf"] };
}

class UsageError extends Error {}

function printSummary(runId: number, r: PipelineResult): void {
  const a = r.quality.accounting;
  const lines = [
    `Run #${runId}: ${r.files.length} files`,
    ...r.quality.files.map(
      (f) => `  ${f.file.padEnd(28)} ${String(f.inputRows).padStart(8)} rows  score ${f.score.toFixed(1).padStart(5)}  ${f.headerVariant}${f.missingColumns.length ? `  missing: ${f.missingColumns.join(",")}` : ""}`,
    ),
    `Accounting: ${a.inputRows} input = ${a.loadedRows} loaded + ${a.quarantinedRows} quarantined + ${a.duplicateRows} duplicates ${a.balanced ? "(balanced)" : "(NOT BALANCED: bug)"}`,
    `Findings: ${r.quality.findings.length}`,
  ];
  const byCode = new Map<string, { severity: string; count: number; files: number }>();
  for (const f of r.quality.findings) {
    const s = byCode.get(f.code) ?? { severity: f.severity, count: 0, files: 0 };
    s.count += f.count;
    s.files++;
    byCode.set(f.code, s);
  }
  for (const [code, s] of byCode) lines.push(`  ${code.padEnd(28)} ${s.severity.padEnd(8)} ${String(s.count).padStart(8)} in ${s.files} file(s)`);
  const failed = r.validation.filter((v) => !v.passed);
  const revenueCents = (r.orders.array("revenue_cents") as ArrayLike<number>);
  let cents = 0;
  for (let i = 0; i < revenueCents.length; i++) cents += revenueCents[i]!;
  lines.push(
    `Sessions: ${r.sessions.numRows()} (${r.noClientEvents} events without client id left out) · Orders: ${r.orders.numRows()} · Revenue: $${(cents / 100).toFixed(2)}`,
    `Validation: ${r.validation.length - failed.length}/${r.validation.length} checks passed${failed.map((f) => `\n  FAILED ${f.name}: ${f.detail}`).join("")}`,
  );
  lines.push(`Timings (ms): ${Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(lines.join("\n"));
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(`Error: ${e.message}`);
      console.error(USAGE);
      return 2;
    }
    throw e;
  }
  try {
    const { runId, result } = await runAndSave(args.inputs, "cli");
    printSummary(runId, result);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(buildSummary(runId, result), null, 2)}\n`);
    if (args.out) {
      const db = openSqlite();
      try {
        const manifest = exportRun(db, runId, args.out);
        console.log(`Exported ${manifest.tables.length} tables to ${args.out} (manifest.json lists them).`);
      } finally {
        db.close();
      }
    }
    if (args.pdf) {
      const files = await writeReports(args.pdf);
      console.log(`Wrote ${files.length} PDF reports to ${args.pdf}: ${files.join(", ")}`);
    }
    return result.quality.accounting.balanced && result.validation.every((v) => v.passed) ? 0 : 1;
  } catch (e) {
    if (e instanceof SourceError || e instanceof IngestError) {
      console.error(`Error: ${e.message}`);
      return 1;
    }
    console.error(`Pipeline failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
