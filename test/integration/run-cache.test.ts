/**
 * The per-run result cache (lib/db/queries/run-cache.ts): a result is computed once per published
 * run and parameters, shared by concurrent requests, dropped when another run is published or the
 * database changes, never kept when it failed, frozen against in-place changes, and bounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRun } from "@/lib/db/save-run";
import { cacheKey, cachedForRun, checkPublishedRun, clearRunCache, onPublishedRun, publishedRunId, runCacheStats } from "@/lib/db/queries/run-cache";
import { tempDatabase } from "../temp-db";

const first = tempDatabase();
const second = tempDatabase();
const publish = (db: typeof first.db) => {
  const id = createRun(db, "cli");
  db.prepare(`UPDATE "Run" SET "status" = 'succeeded' WHERE "id" = ?`).run(id);
  return id;
};
const use = (t: typeof first) => (process.env.DATABASE_URL = `file:${t.path}`);

beforeAll(() => use(first));
beforeEach(() => clearRunCache());
afterAll(() => {
  first.cleanup();
  second.cleanup();
});

/** A loader that counts its calls and answers with its call number. */
function counter() {
  const c = { calls: 0, load: async () => ({ call: ++c.calls, rows: [3, 1, 2] }) };
  return c;
}

describe("the per-run cache", () => {
  it("computes nothing into the cache before the first published run", async () => {
    use(first);
    expect(publishedRunId()).toBeNull();
    const c = counter();
    await cachedForRun("k", "a", c.load);
    await cachedForRun("k", "a", c.load);
    expect(c.calls).toBe(2);
    expect(runCacheStats().entries).toBe(0);
  });

  it("computes once per published run and key; concurrent requests share the one computation", async () => {
    use(first);
    const run = publish(first.db);
    expect(publishedRunId()).toBe(run);
    const c = counter();
    const answers = await Promise.all(Array.from({ length: 20 }, () => cachedForRun("k", "a", c.load)));
    expect(c.calls).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect((await cachedForRun("k", "b", c.load)).call).toBe(2); // another key
    expect((await cachedForRun("other", "a", c.load)).call).toBe(3); // another kind
    expect((await cachedForRun("k", "a", c.load)).call).toBe(1);
    expect(c.calls).toBe(3);
  });

  it("a newly published run empties the cache; a queued or failed run does not", async () => {
    use(first);
    publish(first.db);
    const c = counter();
    expect((await cachedForRun("k", "a", c.load)).call).toBe(1);
    const queued = createRun(first.db, "upload", "queued");
    const failed = createRun(first.db, "upload");
    first.db.prepare(`UPDATE "Run" SET "status" = 'failed' WHERE "id" = ?`).run(failed);
    expect((await cachedForRun("k", "a", c.load)).call).toBe(1);
    first.db.prepare(`UPDATE "Run" SET "status" = 'succeeded' WHERE "id" = ?`).run(queued);
    expect((await cachedForRun("k", "a", c.load)).call).toBe(2);
  });

  it("keeps results of one database apart from another's with the same run id", async () => {
    use(first);
    const c = counter();
    await cachedForRun("k", "a", c.load);
    use(second);
    publish(second.db);
    const d = counter();
    expect((await cachedForRun("k", "a", d.load)).call).toBe(1);
    expect(d.calls).toBe(1);
    use(first);
  });

  it("does not keep a failed computation", async () => {
    use(first);
    let calls = 0;
    const failing = async () => {
      calls++;
      if (calls === 1) throw new Error("database busy");
      return "ok";
    };
    await expect(cachedForRun("k", "fails", failing)).rejects.toThrow("database busy");
    expect(await cachedForRun("k", "fails", failing)).toBe("ok");
    expect(await cachedForRun("k", "fails", failing)).toBe("ok");
    expect(calls).toBe(2);
  });

  it("freezes what it keeps: an in-place sort by one reader throws instead of changing the next reader's rows", async () => {
    use(first);
    const c = counter();
    const value = await cachedForRun("k", "frozen", c.load);
    expect(() => value.rows.sort()).toThrow(TypeError);
    expect((await cachedForRun("k", "frozen", c.load)).rows).toEqual([3, 1, 2]);
  });

  it("keeps at most `max` results per kind, the least recently used going first", async () => {
    use(first);
    const c = counter();
    for (const key of ["a", "b", "c"]) await cachedForRun("small", key, c.load, 2);
    expect(c.calls).toBe(3);
    expect((await cachedForRun("small", "c", c.load, 2)).call).toBe(3); // kept
    expect((await cachedForRun("small", "a", c.load, 2)).call).toBe(4); // evicted, computed again
    expect(runCacheStats().entries).toBe(2);
  });

  it("tells its listeners once about each newly published run (the views are then computed ahead of readers)", async () => {
    use(first);
    const heard: number[] = [];
    onPublishedRun((id) => heard.push(id));
    const a = publish(first.db);
    checkPublishedRun();
    checkPublishedRun();
    await cachedForRun("k", "a", counter().load);
    await new Promise((d) => setImmediate(d));
    expect(heard).toEqual([a]);
    const b = publish(first.db);
    await cachedForRun("k", "a", counter().load);
    await new Promise((d) => setImmediate(d));
    expect(heard).toEqual([a, b]);
  });

  it("keys parameters canonically", () => {
    expect(cacheKey({ b: 2, a: 1, c: undefined })).toBe(cacheKey({ a: 1, b: 2 }));
    expect(cacheKey({ a: 1 })).not.toBe(cacheKey({ a: "1" }));
  });
});
