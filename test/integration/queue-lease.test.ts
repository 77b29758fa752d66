/**
 * The run queue cannot jam: one worker at a time through the database lease, heartbeats from a
 * thread while the main thread is blocked, a parent-death watchdog, the fence at commit, the
 * supervisor that fails a dead worker's run, and uploads that wait out a save. Real processes are
 * started and killed with SIGKILL; every one is killed in afterEach if a test fails part-way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "@/lib/demo/generator";
import { createRun } from "@/lib/db/save-run";
import { openSqlite, writeWhenFree, type Sqlite } from "@/lib/db/sqlite";
import { startHeartbeat } from "@/lib/runs/heartbeat";
import {
  LEASE_STALE_ENV,
  LEASE_STALE_MS,
  LeaseLostError,
  acquireLease,
  assertLeaseHeld,
  heartbeatIntervalMs,
  holderAlive,
  leaseStaleMs,
  pidAlive,
  readLease,
  releaseLease,
  renewLease,
  workerName,
} from "@/lib/runs/lease";
import { claimNextRun, drainQueue, enqueueRun, executeRun, recoverInterruptedRuns } from "@/lib/runs/queue";
import { recoverDeadWorkers, superviseOnce } from "@/lib/runs/supervisor";
import { kickWorker, runningWorkerPid } from "@/lib/runs/worker";
import { PARENT_PID_ENV, workerCommand } from "@/lib/runs/worker-process";
import { storePartition } from "@/lib/uploads/store";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { tempDatabase } from "../temp-db";

/** The stale limit the worker processes of these tests use (the 30 s default is asserted below). */
const STALE_MS = 1_500;
const HOST = hostname();

const children = new Set<number>();
const databases: { cleanup: () => void }[] = [];
let genDir = "";
let demoFiles: { name: string; bytes: Buffer }[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every `stepMs` until it returns a value; fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false, stepMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

type TempDb = ReturnType<typeof tempDatabase>;
let template: TempDb | null = null;

/** A fresh migrated database of its own for each test: a copy of one migrated with tempDatabase() (migrating takes seconds). */
function database(): TempDb {
  if (!template) {
    template = tempDatabase();
    template.db.pragma("wal_checkpoint(TRUNCATE)");
  }
  const dir = mkdtempSync(join(tmpdir(), "test-db-"));
  const path = join(dir, "test.db");
  copyFileSync(template.path, path);
  const db = openSqlite(path);
  const t = { db, dir, path, cleanup: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
  databases.push(t);
  return t;
}

/** A data set whose run takes a few seconds (about 120k events). */
function storeDemo(t: TempDb): void {
  t.db.transaction(() => {
    for (const f of demoFiles) storePartition(t.db, f.name, f.bytes, t.dir);
  })();
}

const workerEnv = (t: TempDb) => ({ ...process.env, DATABASE_URL: `file:${t.path}`, DATA_DIR: t.dir, [LEASE_STALE_ENV]: String(STALE_MS) });

interface Started {
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

function track(child: ChildProcess): Started {
  if (child.pid === undefined) throw new Error("spawn failed");
  children.add(child.pid);
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on("exit", (code, signal) => {
      children.delete(child.pid!);
      resolve({ code, signal, stdout });
    }),
  );
  return { child, pid: child.pid, exited };
}

/** Starts a worker the way the server does (lib/runs/worker.ts): same command, this process as its parent. */
function startWorker(t: TempDb): Started {
  const { command, args } = workerCommand();
  return track(spawn(command, args, { cwd: process.cwd(), env: { ...workerEnv(t), [PARENT_PID_ENV]: String(process.pid) }, stdio: ["ignore", "pipe", "inherit"] }));
}

async function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const run = (db: Sqlite, id: number) => db.prepare(`SELECT "status", "stage", "error", "worker" FROM "Run" WHERE "id" = ?`).get(id) as { status: string; stage: string | null; error: string | null; worker: string | null };
const recordRows = (db: Sqlite, id: number) => (db.prepare(`SELECT COUNT(*) AS n FROM "SourceFile" WHERE "runId" = ?`).get(id) as { n: number }).n;

/** A pid that was alive a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const c = track(spawn(process.execPath, ["-e", ""], { stdio: "ignore" }));
  await c.exited;
  return c.pid;
}

beforeAll(async () => {
  genDir = mkdtempSync(join(tmpdir(), "lease-demo-"));
  await generateDemo({ days: 8, eventsPerDay: 15_000, seed: 11, endDate: "2025-03-08" }, genDir);
  demoFiles = readdirSync(genDir)
    .filter((n) => n.endsWith(".csv"))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(genDir, name)) }));
});

afterEach(() => {
  for (const pid of children) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  children.clear();
});

afterAll(() => {
  for (const t of databases) t.cleanup();
  template?.cleanup();
  rmSync(genDir, { recursive: true, force: true });
});

describe("the lease", () => {
  const small = (d: string) =>
    Buffer.from(
      csvFile(`events_${d.replace(/-/g, "")}.csv`, [
        ...Array.from({ length: 5 }, (_, i) => eventRow({ client: `c${i}`, ts: `${d}T10:0${i}:00.000Z` })),
        eventRow({ client: "c0", ts: `${d}T11:00:00.000Z`, event: "checkout_completed", data: purchaseData(`T-${d}`, 50, [{ id: "A", price: 50, qty: 1 }]) }),
      ]).content as string,
    );
  const setLease = (db: Sqlite, values: { pid: number; host: string; heartbeatMs: number; token?: string }) =>
    db.prepare(`UPDATE "WorkerLease" SET "token" = ?, "pid" = ?, "host" = ?, "acquiredAtMs" = ?, "heartbeatMs" = ? WHERE "id" = 1`).run(values.token ?? "old", values.pid, values.host, values.heartbeatMs, values.heartbeatMs);

  it("is stale after 30 s by default; the environment variable overrides it for tests", () => {
    expect(LEASE_STALE_MS).toBe(30_000);
    expect(leaseStaleMs({})).toBe(30_000);
    expect(leaseStaleMs({ [LEASE_STALE_ENV]: "1500" })).toBe(1_500);
    expect(leaseStaleMs({ [LEASE_STALE_ENV]: "soon" })).toBe(30_000);
    expect(heartbeatIntervalMs(30_000)).toBe(5_000);
    const lease = { token: "t", pid: 999_999, host: "elsewhere", runId: null, acquiredAtMs: 0, heartbeatMs: 1_000 };
    expect(holderAlive(lease, { now: 1_000 + 30_000 })).toBe(true);
    expect(holderAlive(lease, { now: 1_000 + 30_001 })).toBe(false);
  });

  it("is acquired by one holder at a time, renewed, fenced and released", () => {
    const { db } = database();
    const a = acquireLease(db, "token-a");
    expect(a).toBe("token-a");
    expect(readLease(db)).toMatchObject({ token: "token-a", pid: process.pid, host: HOST });
    expect(acquireLease(db, "token-b")).toBeNull(); // a live holder keeps it
    const before = readLease(db).heartbeatMs!;
    expect(renewLease(db, "token-a", before + 1_000)).toBe(true);
    expect(readLease(db).heartbeatMs).toBe(before + 1_000);
    expect(renewLease(db, "token-b")).toBe(false);
    expect(() => assertLeaseHeld(db, "token-a")).not.toThrow();
    expect(() => assertLeaseHeld(db, "token-b")).toThrow(LeaseLostError);
    expect(releaseLease(db, "token-b")).toBe(false); // only the holder releases
    expect(releaseLease(db, "token-a")).toBe(true);
    expect(readLease(db).token).toBeNull();
    expect(() => assertLeaseHeld(db, "token-a")).toThrow(/lost the worker lease \(nobody holds it now\)/);
    expect(acquireLease(db, "token-b")).toBe("token-b");
    releaseLease(db, "token-b");
  });

  it("is taken over only when stale and its holder is gone (same host: pid; other host: staleness)", async () => {
    const { db } = database();
    const now = Date.now();
    const dead = await deadPid();
    const take = (token: string, staleMs = 1_000) => acquireLease(db, token, { staleMs, now });
    // same host, holder alive (this process), heartbeat stale: kept
    setLease(db, { pid: process.pid, host: HOST, heartbeatMs: now - 10_000 });
    expect(take("new")).toBeNull();
    // same host, holder gone, heartbeat fresh: kept until stale
    setLease(db, { pid: dead, host: HOST, heartbeatMs: now - 500 });
    expect(take("new")).toBeNull();
    // same host, holder gone, heartbeat stale: taken
    setLease(db, { pid: dead, host: HOST, heartbeatMs: now - 1_500 });
    expect(take("new")).toBe("new");
    expect(readLease(db)).toMatchObject({ token: "new", pid: process.pid, host: HOST });
    expect(() => assertLeaseHeld(db, "old")).toThrow(LeaseLostError);
    // another host: staleness alone decides
    setLease(db, { pid: process.pid, host: "another-host", heartbeatMs: now - 500 });
    expect(take("new2")).toBeNull();
    setLease(db, { pid: process.pid, host: "another-host", heartbeatMs: now - 1_500 });
    expect(take("new2")).toBe("new2");
    // a pid known to have exited (the server's child-exit handler) is gone at once
    setLease(db, { pid: dead, host: HOST, heartbeatMs: now });
    expect(acquireLease(db, "new3", { staleMs: 30_000, now, deadPid: dead })).toBe("new3");
    releaseLease(db, "new3");
  });

  it("claims runs only for the holder, and the fence discards a save after the lease was lost", () => {
    const t = database();
    storePartition(t.db, "events_20250301.csv", small("2025-03-01"), t.dir);
    const id = enqueueRun(t.db, "upload");
    expect(acquireLease(t.db, "holder")).toBe("holder");
    expect(claimNextRun(t.db, "not-the-holder")).toBeNull();
    expect(claimNextRun(t.db)).toBeNull(); // no token: only while nobody holds the lease
    expect(claimNextRun(t.db, "holder")).toBe(id);
    expect(run(t.db, id)).toMatchObject({ status: "running", worker: workerName() });
    expect(readLease(t.db).runId).toBe(id);
    // the lease is broken (as by the supervisor) while the run executes: the save rolls back at the fence
    releaseLease(t.db, "holder");
    expect(executeRun(t.db, id, t.dir, { beforeCommit: () => assertLeaseHeld(t.db, "holder") })).toBe(false);
    expect(run(t.db, id)).toMatchObject({ status: "failed" });
    expect(run(t.db, id).error).toMatch(/lost the worker lease/);
    expect(recordRows(t.db, id)).toBe(0);
    // drainQueue holds the lease for its runs and releases it at the end
    const next = enqueueRun(t.db, "rerun");
    expect(drainQueue(t.db, t.dir)).toBe(1);
    expect(run(t.db, next)).toMatchObject({ status: "succeeded", worker: workerName() });
    expect(readLease(t.db).token).toBeNull();
    // and does nothing while a live holder has it
    expect(acquireLease(t.db, "other")).toBe("other");
    enqueueRun(t.db, "rerun");
    expect(drainQueue(t.db, t.dir)).toBe(0);
    const started = Date.now();
    expect(drainQueue(t.db, t.dir, { waitMs: 300 })).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    releaseLease(t.db, "other");
    expect(drainQueue(t.db, t.dir)).toBe(1);
  });

  it("restart recovery keeps the run of a live, heartbeating holder and fails the run of a gone one", async () => {
    const { db } = database();
    const id = createRun(db, "upload", "queued");
    expect(acquireLease(db, "live")).toBe("live");
    expect(claimNextRun(db, "live")).toBe(id);
    expect(recoverInterruptedRuns(db)).toBe(0);
    expect(superviseOnce(db).failed).toEqual([]);
    expect(run(db, id).status).toBe("running");
    // the holder dies: its heartbeat goes stale and its pid is not alive
    const dead = await deadPid();
    const beat = Date.now() - 60_000;
    db.prepare(`UPDATE "WorkerLease" SET "pid" = ?, "heartbeatMs" = ? WHERE "id" = 1`).run(dead, beat);
    db.prepare(`UPDATE "Run" SET "worker" = ?, "stage" = 'sessions' WHERE "id" = ?`).run(workerName(dead), id);
    expect(recoverInterruptedRuns(db)).toBe(1);
    expect(run(db, id)).toMatchObject({
      status: "failed",
      error: `The worker stopped (pid ${dead} on ${HOST}) during stage sessions; its last heartbeat was at ${new Date(beat).toISOString()}. Retry to run again.`,
    });
    expect(readLease(db).token).toBeNull();
  });

  it("a run of a worker that holds no lease any more is failed once that worker is gone; one without a worker only on start", async () => {
    const { db } = database();
    const dead = await deadPid();
    const orphan = createRun(db, "upload");
    db.prepare(`UPDATE "Run" SET "worker" = ? WHERE "id" = ?`).run(workerName(dead), orphan);
    const cli = createRun(db, "cli"); // a command-line run records no worker
    expect(recoverDeadWorkers(db)).toEqual([orphan]);
    expect(run(db, orphan).error).toMatch(new RegExp(`^The worker stopped \\(pid ${dead} on ${HOST}\\) during stage starting; it no longer held the worker lease`));
    expect(run(db, cli).status).toBe("running");
    expect(recoverInterruptedRuns(db)).toBe(1);
    expect(run(db, cli).status).toBe("failed");
  });

  it("the heartbeat thread beats while the main thread is blocked, and skips beats while another connection writes", async () => {
    const t = database();
    expect(acquireLease(t.db, "beating")).toBe("beating");
    const start = readLease(t.db).heartbeatMs!;
    const hb = startHeartbeat({ dbPath: t.path, token: "beating", staleMs: 600 }); // a beat every 100 ms
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700); // the main thread is blocked
      const afterBlock = readLease(t.db).heartbeatMs!;
      expect(afterBlock).toBeGreaterThan(start + 300);
      // the main connection holds the write lock: beats are skipped (busy), then resume
      t.db.exec("BEGIN IMMEDIATE");
      const locked = Date.now();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
      expect(readLease(t.db).heartbeatMs!).toBeLessThan(locked); // no beat got through the lock
      t.db.exec("COMMIT");
      await waitFor("a beat after the lock", 3_000, () => readLease(t.db).heartbeatMs! > locked + 700);
    } finally {
      hb.stop();
      releaseLease(t.db, "beating");
    }
  });
});

describe("worker processes", () => {
  it("a worker killed with SIGKILL during its save: the supervisor fails its run within 30 s and the next queued run succeeds", async () => {
    const t = database();
    storeDemo(t);
    const first = enqueueRun(t.db, "upload");
    const w1 = startWorker(t);
    await waitFor("the first run to be claimed", 30_000, () => run(t.db, first).status === "running");
    const second = enqueueRun(t.db, "upload"); // queued behind it (before the save holds the write lock)
    expect(second).not.toBe(first);
    await waitFor("the first run to reach its save", 60_000, () => run(t.db, first).stage === "save", 10);
    process.kill(w1.pid, "SIGKILL");
    const killedAt = Date.now();
    expect((await within("the killed worker to exit", 5_000, w1.exited)).signal).toBe("SIGKILL");
    expect(run(t.db, first).status).toBe("running");
    expect(readLease(t.db).pid).toBe(w1.pid);

    let next: Started | null = null;
    const pass = await waitFor("the supervisor to fail the run", 30_000, () => {
      const r = superviseOnce(t.db, { staleMs: STALE_MS, kick: () => (next ??= startWorker(t)) });
      return r.failed.length > 0 ? r : undefined;
    }, 100);
    const detectedAfter = Date.now() - killedAt;
    console.log(`queue-lease: dead worker's run failed ${detectedAfter} ms after SIGKILL (stale limit ${STALE_MS} ms)`);
    expect(detectedAfter).toBeLessThan(30_000);
    expect(pass).toEqual({ failed: [first], kicked: true });
    const failed = run(t.db, first);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(new RegExp(`^The worker stopped \\(pid ${w1.pid} on ${HOST}\\) during stage save; its last heartbeat was at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\. Retry to run again\\.$`));
    const lastBeat = Date.parse(/at (\S+Z)\./.exec(failed.error!)![1]!);
    expect(lastBeat).toBeLessThanOrEqual(killedAt);
    expect(recordRows(t.db, first)).toBe(0); // nothing of the killed save was committed

    const done = await within("the next worker to finish", 60_000, next!.exited);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("1 run(s) processed");
    expect(run(t.db, second)).toMatchObject({ status: "succeeded", worker: workerName(next!.pid) });
    expect(run(t.db, first).status).toBe("failed");
    expect(readLease(t.db).token).toBeNull();
  });

  it("a worker whose parent is killed kills itself and never commits; a second worker cannot take the lease while it lives", async () => {
    const t = database();
    storeDemo(t);
    const first = enqueueRun(t.db, "upload");
    const { command, args } = workerCommand();
    // An intermediate parent (standing in for the server) spawns the worker the way kickWorker does.
    const parentScript = `
      const { spawn } = require("node:child_process");
      const { command, args, env } = JSON.parse(process.argv[1]);
      const w = spawn(command, args, { env: { ...env, ${JSON.stringify(PARENT_PID_ENV)}: String(process.pid) }, stdio: ["ignore", "ignore", "inherit"] });
      process.stdout.write(w.pid + "\\n");
      setInterval(() => {}, 1000);`;
    const parent = track(spawn(process.execPath, ["-e", parentScript, JSON.stringify({ command, args, env: workerEnv(t) })], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] }));
    const workerPid = await within(
      "the worker pid",
      10_000,
      new Promise<number>((resolve) => parent.child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())))),
    );
    children.add(workerPid);
    await waitFor("the worker to claim the run", 30_000, () => run(t.db, first).worker === workerName(workerPid));

    // While it lives, another worker finds the lease held and exits at once without touching the run.
    const other = startWorker(t);
    const otherDone = await within("the second worker to exit", 15_000, other.exited);
    expect(otherDone.code).toBe(0);
    expect(otherDone.stdout).toContain(`0 run(s) processed (the lease is held by pid ${workerPid} on ${HOST})`);
    expect(readLease(t.db).pid).toBe(workerPid);
    expect(run(t.db, first)).toMatchObject({ status: "running", worker: workerName(workerPid) });

    process.kill(parent.pid, "SIGKILL");
    const killedAt = Date.now();
    await waitFor("the orphaned worker to kill itself", 5_000, () => !pidAlive(workerPid), 20);
    const exitedAfter = Date.now() - killedAt;
    console.log(`queue-lease: orphaned worker gone ${exitedAfter} ms after its parent was killed`);
    expect(exitedAfter).toBeLessThan(5_000);
    children.delete(workerPid);
    expect(run(t.db, first).status).toBe("running"); // it died before committing
    expect(recordRows(t.db, first)).toBe(0);

    // The dead worker's lease is taken only once it is stale: the supervisor then fails its run.
    expect(readLease(t.db).pid).toBe(workerPid);
    await waitFor("the supervisor to fail the orphan's run", 30_000, () => superviseOnce(t.db, { staleMs: STALE_MS }).failed.includes(first) || undefined, 100);
    expect(run(t.db, first).error).toMatch(new RegExp(`^The worker stopped \\(pid ${workerPid} on ${HOST}\\)`));
    const second = enqueueRun(t.db, "rerun");
    const next = startWorker(t);
    expect((await within("the new worker to finish", 60_000, next.exited)).code).toBe(0);
    expect(run(t.db, second)).toMatchObject({ status: "succeeded", worker: workerName(next.pid) });
    expect(run(t.db, first).status).toBe("failed"); // the orphan never came back to commit
    expect(recordRows(t.db, first)).toBe(0);
  });
});

describe("the server's worker launcher (kickWorker)", () => {
  it("starts no worker while a live holder has the lease, and recovers at once when its worker dies by a signal", async () => {
    const t = database();
    storeDemo(t);
    const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR, stale: process.env[LEASE_STALE_ENV] };
    process.env.DATABASE_URL = `file:${t.path}`;
    process.env.DATA_DIR = t.dir;
    delete process.env[LEASE_STALE_ENV]; // the 30 s default: recovery below cannot come from staleness
    try {
      const first = enqueueRun(t.db, "upload");
      expect(acquireLease(t.db, "someone-else")).toBe("someone-else");
      kickWorker();
      expect(runningWorkerPid()).toBeNull(); // the live holder takes the queued runs
      releaseLease(t.db, "someone-else");

      kickWorker();
      const pid = runningWorkerPid()!;
      expect(pid).toBeGreaterThan(0);
      children.add(pid);
      await waitFor("the run to be claimed", 30_000, () => run(t.db, first).worker === workerName(pid));
      const second = enqueueRun(t.db, "upload");
      await waitFor("a pipeline stage", 30_000, () => !["starting", "ingest"].includes(run(t.db, first).stage ?? "starting"), 10);
      process.kill(pid, "SIGKILL");
      const killedAt = Date.now();
      await waitFor("the exit handler to fail the run", 5_000, () => run(t.db, first).status === "failed", 10);
      expect(Date.now() - killedAt).toBeLessThan(5_000); // far below the 30 s stale limit
      expect(run(t.db, first).error).toMatch(new RegExp(`^The worker stopped \\(pid ${pid} on ${HOST}\\) during stage \\w+; its last heartbeat was at `));
      // a run was failed and another waits: the launcher starts the next worker
      const next = await waitFor("the next worker", 5_000, () => runningWorkerPid() ?? undefined);
      children.add(next);
      await waitFor("the queued run to succeed", 60_000, () => run(t.db, second).status === "succeeded", 50);
      expect(run(t.db, second).worker).toBe(workerName(next));
      await waitFor("the worker to exit", 10_000, () => runningWorkerPid() === null);
    } finally {
      for (const [k, v] of [["DATABASE_URL", saved.DATABASE_URL], ["DATA_DIR", saved.DATA_DIR], [LEASE_STALE_ENV, saved.stale]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe("uploads during a save", () => {
  it("store + enqueue wait for a long write transaction without blocking the event loop, instead of failing with 'database is locked'", async () => {
    const t = database();
    // Another process holds the write lock for 2.5 s, as a run's save does.
    const holderScript = `
      const Database = require("better-sqlite3");
      const db = new Database(process.argv[1]);
      db.exec("BEGIN IMMEDIATE");
      db.prepare('UPDATE "WorkerLease" SET "executingRunId" = NULL WHERE "id" = 1').run();
      process.stdout.write("locked\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
      db.exec("COMMIT");
      db.close();`;
    const holder = track(spawn(process.execPath, ["-e", holderScript, t.path], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] }));
    await within("the lock", 10_000, new Promise<void>((resolve) => holder.child.stdout!.once("data", () => resolve())));
    const bytes = Buffer.from(csvFile("events_20250301.csv", [eventRow({ client: "c1", ts: "2025-03-01T10:00:00.000Z" })]).content as string);

    // Control: the previous pattern (a deferred transaction reads, then writes) fails at once.
    const plain = openSqlite(t.path);
    const tried = Date.now();
    expect(() => plain.transaction(() => storePartition(plain, "events_20250301.csv", bytes, t.dir))()).toThrow(/database is locked/);
    expect(Date.now() - tried).toBeLessThan(1_000);
    plain.close();

    // Past a short wait the upload action gives a clear message and writes nothing.
    await expect(writeWhenFree((db) => storePartition(db, "events_20250301.csv", bytes, t.dir), { path: t.path, waitMs: 300 })).rejects.toThrow(
      /^The data set is busy saving a run \(waited 0 s\); nothing was changed\. Try again when the run has finished\.$/,
    );

    // The upload action's code: files and run in one IMMEDIATE transaction, retried in awaits, so
    // the event loop keeps running (a server keeps answering) while it waits for the commit.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    try {
      const started = Date.now();
      const { stored, runId } = await writeWhenFree(
        (db) => ({ stored: storePartition(db, "events_20250301.csv", bytes, t.dir).status, runId: enqueueRun(db, "upload") }),
        { path: t.path },
      );
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(1_000); // it waited for the holder's commit
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(waited / 50 / 2)); // timers fired during the wait
      expect(stored).toBe("added");
      expect(run(t.db, runId).status).toBe("queued");
    } finally {
      clearInterval(ticker);
    }
    expect((await within("the holder to exit", 10_000, holder.exited)).code).toBe(0);
  });
});
