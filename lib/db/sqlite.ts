/**
 * A direct better-sqlite3 connection for the write path. Saving a run inserts tens of thousands
 * to millions of rows; prepared statements inside one SQLite transaction do that in a fraction
 * of the time Prisma's createMany needs, and the transaction makes the run atomic. Reads go
 * through Prisma (lib/db/client.ts). Schema and migrations stay Prisma's.
 */
import Database from "better-sqlite3";
import { databasePath } from "./url";

export type Sqlite = Database.Database;

/** A value as the write path binds it. */
export type Value = string | number | null;

/** What the write path stores for a value: null for a missing or non-finite number, 1/0 for a boolean, text for anything else that is not a number. */
export function normalizeValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return String(v);
}

/**
 * How long a write waits for the write lock held by another connection. A run's save holds it
 * for its whole transaction (seconds to minutes on large data sets), so connections that must
 * not fail while a save runs (uploads, removals, retries) wait this long.
 */
export const SAVE_BUSY_TIMEOUT_MS = 120_000;

export interface OpenOptions {
  /** SQLite busy_timeout in ms (default 5000): how long a statement waits for a lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export function openSqlite(path = databasePath(), opts: OpenOptions = {}): Sqlite {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
  return db;
}

/** The write lock stayed taken past the wait: nothing was written. */
export class DatabaseBusy extends Error {
  override name = "DatabaseBusy";
  constructor(waitedMs: number) {
    super(`The data set is busy saving a run (waited ${Math.round(waitedMs / 1000)} s); nothing was changed. Try again when the run has finished.`);
  }
}

const isBusy = (e: unknown) => e instanceof Database.SqliteError && /^SQLITE_BUSY/.test(e.code);

/**
 * Runs `fn` in one IMMEDIATE transaction on its own connection, waiting for a run's save to
 * release the write lock without blocking the event loop: each attempt waits at most a moment in
 * SQLite, then the wait goes on in `await`s, so a web server keeps answering while an upload waits.
 */
export async function writeWhenFree<T>(fn: (db: Sqlite) => T, opts: { path?: string; waitMs?: number; retryMs?: number } = {}): Promise<T> {
  const waitMs = opts.waitMs ?? SAVE_BUSY_TIMEOUT_MS;
  const start = Date.now();
  const db = openSqlite(opts.path, { busyTimeoutMs: 50 });
  try {
    for (;;) {
      try {
        return db.transaction(() => fn(db)).immediate();
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() - start >= waitMs) throw new DatabaseBusy(Date.now() - start);
        await new Promise((resolve) => setTimeout(resolve, opts.retryMs ?? 200));
      }
    }
  } finally {
    db.close();
  }
}

const shared = globalThis as unknown as { __sharedSqlite?: Sqlite };

/**
 * One long-lived connection per process for short reads on the request path (sign-in sessions,
 * accounts). busy_timeout 0: in WAL mode reads never wait, and the rare opportunistic write on it
 * (a session's last-seen time) is skipped rather than blocking the event loop while a run saves.
 * Writes that must happen go through writeWhenFree.
 */
export function sharedSqlite(): Sqlite {
  return (shared.__sharedSqlite ??= openSqlite(undefined, { busyTimeoutMs: 0 }));
}
