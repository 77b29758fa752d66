import "server-only";
import { openSqlite, type Sqlite } from "../sqlite";
import { databasePath } from "../url";

/**
 * What a page, a JSON route or a PDF shows is a function of the published run and the request's
 * parameters: the data tables change only when a run is published. So each result is computed
 * once per (published run, parameters) and served from memory until another run is published.
 *
 * - The key carries the published run's id as read BEFORE the work starts. A run published while
 *   the work is under way leaves the result under the older id, which is then never served again.
 * - Concurrent requests for the same key share one computation (200 readers asking for the same
 *   cold PDF render it once).
 * - A failed computation is not kept.
 * - Cached values are deep-frozen: a consumer that mutated a shared result (an in-place sort) would
 *   change what the next request sees; frozen, it throws instead, and the tests catch it.
 * - Each kind keeps at most `max` results, least recently used first out; a new published run
 *   empties every kind.
 */

interface Entry {
  value: Promise<unknown>;
}

type Listener = (runId: number) => void;

interface CacheState {
  /** Called when a newly published run is noticed (lib/db/queries/warm.ts computes the common views ahead of readers). */
  listeners?: Listener[];
  /** The database file and published run the entries belong to. */
  db: string | null;
  runId: number | null;
  kinds: Map<string, Map<string, Entry>>;
  hits: number;
  misses: number;
}

const state: CacheState = ((globalThis as unknown as { __runCache?: CacheState }).__runCache ??= { db: null, runId: null, kinds: new Map(), hits: 0, misses: 0 });

/** The id of the run the pages show (the newest succeeded one), or null before the first. */
export function publishedRunId(): number | null {
  return publishedRun().runId;
}

/** One read-only connection per database file (a process normally has one; tests switch DATABASE_URL). */
const readers = ((globalThis as unknown as { __runCacheReaders?: Map<string, Sqlite> }).__runCacheReaders ??= new Map());

function publishedRun(): { db: string; runId: number | null } {
  const path = databasePath();
  let db = readers.get(path);
  if (!db || !db.open) readers.set(path, (db = openSqlite(path, { busyTimeoutMs: 0 })));
  const row = db.prepare(`SELECT "id" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { id: number } | undefined;
  return { db: path, runId: row?.id ?? null };
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  // A Buffer (a rendered PDF) is read-only by use; typed arrays cannot be frozen.
  if (ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** A canonical key: defined values only, keys sorted (so `{a, b}` and `{b, a}` are one entry). */
export function cacheKey(params: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(params)
      .filter((k) => params[k] !== undefined)
      .sort()
      .map((k) => [k, params[k]]),
  );
}

/**
 * `load()` once per published run and `key` within `kind`. Without a published run nothing is
 * cached (the answer is "no run yet", and the first run must show at once).
 */
export async function cachedForRun<T>(kind: string, key: string, load: () => Promise<T>, max = 64): Promise<T> {
  const runId = notice();
  if (runId === null) return load();
  let entries = state.kinds.get(kind);
  if (!entries) state.kinds.set(kind, (entries = new Map()));
  const hit = entries.get(key);
  if (hit) {
    state.hits++;
    entries.delete(key); // most recently used goes last
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  state.misses++;
  const value = load().then(deepFreeze);
  const entry: Entry = { value };
  entries.set(key, entry);
  while (entries.size > max) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** `listen(runId)` runs (after the current request's work starts) whenever a newly published run is noticed. */
export function onPublishedRun(listen: Listener): void {
  (state.listeners ??= []).push(listen);
}

/**
 * Reads the published run; when it is not the one the entries belong to, forgets them and tells
 * the listeners. @returns its id (null before the first run)
 */
function notice(): number | null {
  const { db, runId } = publishedRun();
  if (runId !== null && (state.runId !== runId || state.db !== db)) {
    state.kinds.clear();
    state.runId = runId;
    state.db = db;
    for (const listen of state.listeners ?? []) setImmediate(() => listen(runId));
  }
  return runId;
}

/** Notices the published run now (at server start): the listeners run if it is new. */
export function checkPublishedRun(): void {
  notice();
}

/** For tests: hit and miss counts since the process started, and forgetting everything. */
export function runCacheStats(): { runId: number | null; hits: number; misses: number; entries: number } {
  let entries = 0;
  for (const m of state.kinds.values()) entries += m.size;
  return { runId: state.runId, hits: state.hits, misses: state.misses, entries };
}

export function clearRunCache(): void {
  state.kinds.clear();
  state.runId = null;
  state.db = null;
}
