/**
 * npm run pipeline -- <files|folders...> [--rebuild] [--fresh] [--json out.json] [--out <dir>] [--pdf <dir>]
 * Adds the files to the data set of DATABASE_URL (the same partitions uploads add to), runs the
 * pipeline over the whole data set, publishes the run when its validation passes and prints a
 * readable summary. Exit codes: 0 published; 1 bad input, failed or rejected run; 2 bad arguments.
 */
import { writeFileSync } from "node:fs";
import { IngestError, buildSummary, type PipelineResult } from "@/lib/pipeline";
import { SourceError } from "@/lib/io/read-sources";
import { exportRun } from "@/lib/db/export-run";
import { DatabaseBusy, openSqlite } from "@/lib/db/sqlite";
import type { RunMeta } from "@/lib/db/save-run";
import { groupFindings } from "@/lib/views/findings";
import { RejectedFiles, runAndSave } from "./run-and-save";
import { writeReports } from "./write-reports";

export const USAGE = `Usage: npm run pipeline -- <files or folders...> [--rebuild] [--fresh] [--json out.json] [--out <dir>] [--pdf <dir>]
  Adds the files to the data set (same bytes change nothing; a new file for a stored day replaces it) and runs.
  --rebuild        recompute everything from the stored partitions (files are optional)
  --fresh          start from an empty data set: the given files replace every stored partition
  --json <file>    write the machine-readable summary (docs/json-summary.md)
  --out <dir>      export every table of the run as CSV with a manifest.json
  --pdf <dir>      write the four PDF reports`;

export interface Args {
  inputs: string[];
  rebuild: boolean;
  fresh: boolean;
  json: string | null;
  out: string | null;
  pdf: string | null;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[]): Args {
  const inputs: string[] = [];
  const opts: Record<"--json" | "--out" | "--pdf", string | null> = { "--json": null, "--out": null, "--pdf": null };
  let rebuild = false;
  let fresh = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json" || a === "--out" || a === "--pdf") {
      const next = argv[++i];
      if (!next || next.startsWith("--")) throw new UsageError(`${a} needs ${a === "--json" ? "a file name" : "a folder"}.`);
      opts[a] = next;
    } else if (a === "--rebuild") rebuild = true;
    else if (a === "--fresh") fresh = true;
    else if (a === "--help" || a === "-h") throw new UsageError("");
    else if (a.startsWith("--")) throw new UsageError(`Unknown option ${a}.`);
    else inputs.push(a);
  }
  if (inputs.length === 0 && !rebuild) throw new UsageError("No input files or folders given (use --rebuild to recompute the stored data set).");
  if (inputs.length === 0 && fresh) throw new UsageError("--fresh needs the files that make the new data set.");
  return { inputs, rebuild, fresh, json: opts["--json"], out: opts["--out"], pdf: opts["--pdf"] };
}

function printSummary(runId: number, r: PipelineResult, meta: RunMeta | null): void {
  const a = r.quality.accounting;
  const lines = [
    `Run #${runId}${meta ? ` (${meta.mode}): ${meta.partitionsAdded} partition(s) added, ${meta.partitionsReplaced} replaced, ${meta.partitionsRemoved} removed; ${meta.recomputedDays.length} day(s) recomputed` : ""}`,
    `Data set: ${r.files.length} files`,
    ...r.quality.files.map(
      (f) => `  ${f.file.padEnd(28)} ${String(f.inputRows).padStart(8)} rows  score ${f.score.toFixed(1).padStart(5)}  ${f.headerVariant}${f.missingColumns.length ? `  missing: ${f.missingColumns.join(",")}` : ""}`,
    ),
    `Accounting: ${a.inputRows} input = ${a.loadedRows} loaded + ${a.quarantinedRows} quarantined + ${a.duplicateRows} duplicates ${a.balanced ? "(balanced)" : "(NOT BALANCED: bug)"}`,
    `Findings: ${r.quality.findings.length}`,
  ];
  // One line per code: its severity and its total over its files (distinct files; run-wide findings have none).
  for (const g of groupFindings(r.quality.findings)) lines.push(`  ${g.code.padEnd(28)} ${g.severity.padEnd(8)} ${String(g.count).padStart(8)} ${g.files > 0 ? `in ${g.files} file(s)` : "across the run"}`);
  const failed = r.validation.filter((v) => !v.passed);
  const revenueCents = r.orders.array("revenue_cents") as ArrayLike<number>;
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
      return e.message ? 2 : 0;
    }
    throw e;
  }
  try {
    const run = await runAndSave(args.inputs, { fresh: args.fresh });
    const changed = run.stored.filter((s) => s.status !== "unchanged").length;
    if (run.stored.length > 0) console.log(`Stored ${run.stored.length} file(s): ${changed} added or replaced, ${run.stored.length - changed} unchanged.`);
    if (run.result) printSummary(run.runId, run.result, run.meta);
    if (args.json && run.result) writeFileSync(args.json, `${JSON.stringify(buildSummary(run.runId, run.result, run.meta ?? undefined), null, 2)}\n`);
    if (run.status === "queued") {
      console.error(`Error: another worker holds the run lease; run #${run.runId} stays queued and runs when it is free.`);
      return 1;
    }
    if (run.status !== "succeeded") {
      console.error(`Error: run #${run.runId} ${run.status}: ${run.error ?? "unknown error"}`);
      return 1;
    }
    if (args.out) {
      const db = openSqlite();
      try {
        const manifest = exportRun(db, run.runId, args.out);
        console.log(`Exported ${manifest.tables.length} tables to ${args.out} (manifest.json lists them).`);
      } finally {
        db.close();
      }
    }
    if (args.pdf) {
      const files = await writeReports(args.pdf);
      console.log(`Wrote ${files.length} PDF reports to ${args.pdf}: ${files.join(", ")}`);
    }
    return run.result && run.result.quality.accounting.balanced ? 0 : 1;
  } catch (e) {
    if (e instanceof SourceError || e instanceof IngestError || e instanceof RejectedFiles || e instanceof DatabaseBusy) {
      console.error(`Error: ${e.message}`);
      return 1;
    }
    console.error(`Pipeline failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
