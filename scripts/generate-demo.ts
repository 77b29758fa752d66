/**
 * Generate demo daily event exports of the fictional store Dreamloft.
 *
 *   npm run generate-demo -- --days 14 --events-per-day 3500 --seed 42 --out data/demo \
 *     [--end-date YYYY-MM-DD] [--gzip]
 *
 * The last day defaults to yesterday (UTC): the only clock read, resolved here and not in the
 * generator, so the same options always give byte-identical files.
 */
import { parseArgs } from "node:util";
import { generateDemo, type DemoOptions } from "../lib/demo/generator";

const USAGE = `Usage: npm run generate-demo -- [options]
  --days <n>             number of daily files (default 14)
  --events-per-day <n>   approximate events per day (default 3500)
  --seed <n>             integer seed (default 42)
  --out <dir>            output folder, created if missing (default data/demo)
  --end-date YYYY-MM-DD  last day (default: yesterday, UTC)
  --gzip                 write events_YYYYMMDD.csv.gz instead of .csv
  --help                 show this help`;

class UsageError extends Error {}

function int(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${text}`);
  }
  return value;
}

function yesterdayUtc(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
}

function parse(argv: string[]): { opts: DemoOptions; out: string } | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        days: { type: "string" },
        "events-per-day": { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        "end-date": { type: "string" },
        gzip: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return null;
  const endDate = values["end-date"] ?? yesterdayUtc();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(endDate);
  if (!m || new Date(`${endDate}T00:00:00Z`).toISOString().slice(0, 10) !== endDate) {
    throw new UsageError(`--end-date must be a valid date YYYY-MM-DD, got "${endDate}"`);
  }
  const out = values.out ?? "data/demo";
  if (out.trim() === "") throw new UsageError("--out must not be empty");
  return {
    out,
    opts: {
      days: int("days", values.days, 14, 1, 3660),
      eventsPerDay: int("events-per-day", values["events-per-day"], 3500, 1, 50_000_000),
      seed: int("seed", values.seed, 42, -2147483648, 4294967295),
      endDate,
      gzip: values.gzip ?? false,
    },
  };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`generate-demo: ${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed === null) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { opts, out } = parsed;
  const started = performance.now();
  const result = await generateDemo(opts, out);
  const seconds = (performance.now() - started) / 1000;
  const p = result.planted;
  const first = result.files[0] ?? "";
  const last = result.files[result.files.length - 1] ?? "";
  const lines = [
    `generate-demo: ${result.files.length} files, ${result.totalRows.toLocaleString("en-US")} events in ${seconds.toFixed(1)} s`,
    `  folder: ${out}  (${first.split("/").pop()} .. ${last.split("/").pop()}, seed ${opts.seed})`,
    `  valid orders: ${result.validOrders}, revenue $${result.validRevenue.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    "  planted defects:",
    `    header alias (clientId): ${p.headerAliasFiles.length} files; missing referrer column: ${p.missingColumnFiles.join(", ") || "none"}`,
    `    empty client_id: ${p.nullClientIdRows}; duplicate rows: ${p.duplicateRows}; invalid JSON: ${p.invalidJson}; unknown events: ${p.unknownEvents}`,
    `    invalid timestamps: ${p.invalidTimestamps}; outside the file's day: ${p.outsidePartition}`,
    `    invalid purchases: ${p.invalidPurchases}; transaction id collisions: ${p.transactionIdCollisions}; revenue/items mismatch: ${p.revenueItemsMismatch}; revenue outliers: ${p.revenueOutliers}`,
    `  cross-device journeys (phone click with email capture, Direct purchase on a computer): ${p.crossDevice.length}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate-demo failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
