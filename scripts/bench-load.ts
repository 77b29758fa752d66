/**
 * npm run bench -- --load [events]  (or: node scripts/cli.mjs bench-load [--db <file>] [--events N] [--seconds S])
 * Pages under load: the production server (`npm start`'s scripts/server.mjs, loopback only) on a data set of `events`
 * generated events (default 1,000,000, loaded through the command line's own path), then, one
 * endpoint at a time, a fixed number of concurrent keep-alive clients for a fixed time. Prints
 * requests per second, latency percentiles and errors per endpoint as one JSON line at the end.
 * `--db` reuses a database that already holds a published run (its DATA_DIR is not needed).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateDemo } from "@/lib/demo/generator";
import { migrateDatabase } from "@/lib/db/migrate";
import { runAndSave } from "./run-and-save";

export interface LoadTarget {
  name: string;
  path: string;
  clients: number;
}

export interface LoadResult extends LoadTarget {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses other than 200, and requests that got no answer within the timeout. */
  errors: number;
  timeouts: number;
  /** When the first timed-out requests were sent, ms after the load started (where to look). */
  timeoutsSentAtMs: number[];
  firstStatus: number | null;
  /** The first request's time (a cold cache: the PDF's first render). */
  firstMs: number;
}

/** The endpoints: the executive page, the attribution page, the JSON summary (50 clients), the executive PDF (200). */
export const TARGETS: LoadTarget[] = [
  { name: "/ (executive summary)", path: "/", clients: 50 },
  { name: "/attribution", path: "/attribution", clients: 50 },
  { name: "/api/summary", path: "/api/summary", clients: 50 },
  { name: "executive PDF", path: "/api/reports/executive", clients: 200 },
];

/**
 * A reader's switches (model, lookback, identity, period): one request each after the load, as a
 * browser makes them (the attribution page re-renders its React data, `rsc: 1`; the executive
 * page fetches /api/summary). Their time on loopback is the server's time.
 */
export const SWITCHES: { name: string; path: string; rsc?: boolean }[] = [
  { name: "executive: model first click", path: "/api/summary?model=first_click" },
  { name: "executive: period last 14 days", path: "/api/summary?model=last_click&period=last14" },
  { name: "executive: whole data, first click", path: "/api/summary?model=first_click&period=all" },
  { name: "executive: per person", path: "/api/summary?model=last_click&identity=person" },
  { name: "attribution: model Markov", path: "/attribution?model=markov", rsc: true },
  { name: "attribution: lookback 30 days", path: "/attribution?model=last_click&lookback=30", rsc: true },
  { name: "attribution: per person", path: "/attribution?model=first_click&identity=person", rsc: true },
];

export interface SwitchResult {
  name: string;
  path: string;
  status: number;
  ms: number;
}

/** A request that did not answer within this time counts as a timeout (an error). */
const TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function get(agent: Agent, port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number; timedOut: boolean }> {
  const t0 = performance.now();
  return new Promise((done) => {
    const req = request({ host: "127.0.0.1", port, path, agent, headers, timeout: TIMEOUT_MS }, (res) => {
      res.on("data", () => {});
      res.on("end", () => done({ status: res.statusCode ?? 0, ms: performance.now() - t0, timedOut: false }));
      res.on("error", () => done({ status: 0, ms: performance.now() - t0, timedOut: false }));
    });
    req.on("timeout", () => {
      req.destroy();
      done({ status: 0, ms: performance.now() - t0, timedOut: true });
    });
    req.on("error", () => done({ status: 0, ms: performance.now() - t0, timedOut: false }));
    req.end();
  });
}

/** Where Next redirects a React data request without its `_rsc` value (null: no redirect). */
function location(port: number, path: string): Promise<string | null> {
  return new Promise((done) => {
    request({ host: "127.0.0.1", port, path, headers: { rsc: "1" } }, (res) => {
      res.resume();
      done(res.statusCode === 307 || res.statusCode === 308 ? (res.headers.location ?? null) : null);
    })
      .on("error", () => done(null))
      .end();
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

/** `clients` loops, each sending its next request when the previous answered, for `seconds`. */
export async function loadEndpoint(port: number, target: LoadTarget, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: target.clients });
  try {
    const first = await get(agent, port, target.path);
    const latencies: number[] = [];
    let errors = 0;
    let timeouts = 0;
    const timeoutsSentAtMs: number[] = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: target.clients }, async () => {
        while (performance.now() < end) {
          const sent = performance.now();
          const r = await get(agent, port, target.path);
          latencies.push(r.ms);
          if (r.timedOut && timeouts++ < 5) timeoutsSentAtMs.push(Math.round(sent - start));
          if (r.status !== 200) errors++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    return {
      ...target,
      seconds: Math.round(elapsed * 10) / 10,
      requests: latencies.length,
      requestsPerSecond: Math.round(latencies.length / elapsed),
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? 0),
      errors,
      timeouts,
      timeoutsSentAtMs,
      firstStatus: first.status,
      firstMs: Math.round(first.ms),
    };
  } finally {
    agent.destroy();
  }
}

async function waitReady(port: number, server: ChildProcess): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    const r = await get(agent, port, "/api/runs");
    if (r.status > 0) return;
    await new Promise((d) => setTimeout(d, 100));
  }
  throw new Error("the server did not answer within 60 s");
}

export async function benchLoad(opts: { db?: string; events?: number; seconds?: number }): Promise<{ load: LoadResult[]; switches: SwitchResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-load-"));
  let server: ChildProcess | null = null;
  try {
    let dbPath = opts.db ? resolve(opts.db) : join(dir, "load.db");
    if (!opts.db) {
      const events = opts.events ?? 1_000_000;
      const days = 14;
      const demo = await generateDemo({ days, eventsPerDay: Math.round(events / days), seed: 7, endDate: "2025-03-09" }, join(dir, "input"));
      process.env.DATABASE_URL = `file:${dbPath}`; // this process is the bench's own
      migrateDatabase();
      const run = await runAndSave(demo.files, { dir: join(dir, "data") });
      if (run.status !== "succeeded") throw new Error(`loading the data set failed: ${run.error}`);
    } else if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}`);
    dbPath = resolve(dbPath);
    if (!existsSync(join(process.cwd(), ".next", "BUILD_ID"))) execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
    const port = await freePort();
    // The production server as `npm start` runs it (Next.js behind the page cache).
    server = spawn(process.execPath, [join(process.cwd(), "scripts", "server.mjs"), "-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: `file:${dbPath}`, DATA_DIR: join(dir, "data"), NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitReady(port, server);
    const results: LoadResult[] = [];
    for (const target of TARGETS) results.push(await loadEndpoint(port, target, opts.seconds ?? 20));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const switches: SwitchResult[] = [];
    for (const s of SWITCHES) {
      // A React data request names its cache-busting `_rsc` value; Next redirects one without it there.
      let path = s.path;
      if (s.rsc) {
        const probe = await location(port, path);
        if (probe) path = probe;
      }
      const r = await get(agent, port, path, s.rsc ? { rsc: "1" } : {});
      switches.push({ name: s.name, path, status: r.status, ms: Math.round(r.ms) });
    }
    agent.destroy();
    return { load: results, switches };
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((d) => server!.once("exit", d));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("bench-load.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  benchLoad({ db: arg("--db"), events: arg("--events") ? Number(arg("--events")) : undefined, seconds: arg("--seconds") ? Number(arg("--seconds")) : undefined })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    });
}
