/**
 * Accounts, sessions and sign-in limits against a real migrated database. The attacks of the
 * access issue: brute force is slowed (hand-worked schedule below), a session copied before
 * sign-out is refused after it, password and role changes end sessions, and a viewer is never an
 * analyst. Expected values are worked by hand from the policy (5 free failures per account, then
 * 1 s, 2 s, 4 s … since the last failure; 20 free per address).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { addAccount, AccountError, removeAccount, setPassword, setRole, syncBootstrapAdmin } from "@/lib/auth/accounts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hasRole } from "@/lib/auth/roles";
import { createSession, revokeSession, sessionUser } from "@/lib/auth/sessions";
import { attemptSignIn, type Write } from "@/lib/auth/sign-in";
import { tempDatabase } from "../temp-db";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function setup() {
  const t = tempDatabase();
  cleanups.push(t.cleanup);
  const write: Write = async (fn) => t.db.transaction(() => fn(t.db)).immediate();
  return { ...t, write };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse("2026-12-03T08:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const HOUR = 3_600_000;
const limits = { absoluteMs: 12 * HOUR, idleMs: HOUR };

describe("passwords", () => {
  it("are stored as scrypt hashes that verify only the same password", async () => {
    const h = await hashPassword("correct horse");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(h).not.toContain("correct horse");
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("correct horse ", h)).toBe(false);
    expect(await verifyPassword("correct horse", h.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    // Two hashes of one password differ (random salt).
    expect(await hashPassword("correct horse")).not.toBe(h);
  });
});

describe("brute force is slowed", () => {
  it("500 wrong passwords at 300 a second get 6 checked; the right one is then refused too", async () => {
    const { db, write } = setup();
    const c = clock();
    await write((w) => addAccount(w, "ana", "analyst", "", c.now()));
    db.prepare(`UPDATE "User" SET "passwordHash" = ? WHERE "name" = 'ana'`).run(await hashPassword("the-right-one"));
    const outcomes: string[] = [];
    for (let i = 0; i < 500; i++) {
      const r = await attemptSignIn(db, write, { account: "ana", password: `guess-${i}`, address: "10.0.0.1" }, { now: c.now, limits });
      outcomes.push(r.ok ? "ok" : r.reason);
      c.advance(1000 / 300);
    }
    // By hand: 5 free failures (t ≈ 0–13 ms); the 6th check waits 1 s after the 5th failure
    // (t ≈ 1,017 ms); the 7th would wait 2 s more (t ≈ 3,017 ms), after the burst ends at 1,667 ms.
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(6);
    expect(outcomes.filter((o) => o === "throttled")).toHaveLength(494);
    expect(outcomes.slice(0, 5)).toEqual(["wrong", "wrong", "wrong", "wrong", "wrong"]);
    const right = await attemptSignIn(db, write, { account: "ana", password: "the-right-one", address: "10.0.0.1" }, { now: c.now, limits });
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    expect(right.ok ? "" : right.error).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ seconds?\.$/);
    // Every refusal is recorded.
    const recorded = db.prepare(`SELECT "reason", COUNT(*) AS n FROM "SignInAttempt" GROUP BY "reason" ORDER BY "reason"`).all();
    expect(recorded).toEqual([
      { reason: "throttled-account", n: 495 },
      { reason: "wrong-password", n: 6 },
    ]);
    // After the delay (2 s after the 6th failure) the right password works and clears the count.
    c.advance(2000);
    const later = await attemptSignIn(db, write, { account: "ana", password: "the-right-one", address: "10.0.0.1" }, { now: c.now, limits });
    expect(later.ok).toBe(true);
    const next = await attemptSignIn(db, write, { account: "ana", password: "typo", address: "10.0.0.1" }, { now: c.now, limits });
    expect(next).toMatchObject({ ok: false, reason: "wrong" });
  });

  it("limits one address trying many accounts after 20 failures, and unknown accounts count like wrong passwords", async () => {
    const { db, write } = setup();
    const c = clock();
    const reasons: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await attemptSignIn(db, write, { account: `user${i}`, password: "x", address: "10.0.0.9" }, { now: c.now, limits });
      reasons.push(r.ok ? "ok" : r.reason);
      c.advance(10);
    }
    expect(reasons.slice(0, 20).every((r) => r === "wrong")).toBe(true);
    expect(reasons.slice(20)).toEqual(["throttled", "throttled", "throttled", "throttled", "throttled"]);
    const r = await attemptSignIn(db, write, { account: "someone", password: "x", address: "10.0.0.9" }, { now: c.now, limits });
    expect(r.ok ? "" : r.error).toMatch(/^Too many failed sign-ins from this address\./);
    // Another address is not held back.
    const other = await attemptSignIn(db, write, { account: "someone", password: "x", address: "10.0.0.10" }, { now: c.now, limits });
    expect(other).toMatchObject({ ok: false, reason: "wrong" });
  });
});

describe("sessions", () => {
  it("a new id at each sign-in; a cookie copied before sign-out is refused after it", async () => {
    const { db, write } = setup();
    const c = clock();
    await syncBootstrapAdmin(db, "bootstrap-secret", c.now());
    const a = await attemptSignIn(db, write, { account: "Admin", password: "bootstrap-secret", address: "1.2.3.4" }, { now: c.now, limits });
    const b = await attemptSignIn(db, write, { account: "admin", password: "bootstrap-secret", address: "1.2.3.4" }, { now: c.now, limits });
    if (!a.ok || !b.ok) throw new Error("sign-in failed");
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "AuthSession" WHERE "id" = ?`).get(a.token)).toEqual({ n: 0 });
    const copied = a.token;
    expect(sessionUser(db, copied, limits, c.now())).toMatchObject({ name: "admin", role: "admin" });
    revokeSession(db, a.token, "sign-out", c.now());
    expect(sessionUser(db, copied, limits, c.now())).toBeNull();
    expect(sessionUser(db, b.token, limits, c.now())).not.toBeNull();
  });

  it("end after the idle limit and at the absolute expiry, whatever the activity", () => {
    const { db } = setup();
    const c = clock();
    const id = (db.prepare(`INSERT INTO "User" ("name","role","passwordHash","createdAtMs","passwordChangedAtMs") VALUES ('v','viewer','x',0,0)`).run().lastInsertRowid as number);
    const idle = createSession(db, id, limits, c.now());
    c.advance(HOUR + 1);
    expect(sessionUser(db, idle.token, limits, c.now())).toBeNull();
    const busy = createSession(db, id, limits, c.now());
    for (let h = 1; h <= 12; h++) {
      c.advance(59 * 60_000); // used every 59 minutes: never idle for an hour
      expect(sessionUser(db, busy.token, limits, c.now()), `after ${h * 59} min`).not.toBeNull();
    }
    c.advance(13 * 60_000); // 12 h 1 min after sign-in, 13 min after its last use
    expect(sessionUser(db, busy.token, limits, c.now())).toBeNull();
  });

  it("password change, role change and removal end every session of the account", async () => {
    const { db, write } = setup();
    const c = clock();
    const hash = await hashPassword("viewer-pass-1");
    await write((w) => addAccount(w, "vic", "viewer", hash, c.now()));
    await write((w) => addAccount(w, "other", "admin", hash, c.now()));
    const sign = async () => {
      const r = await attemptSignIn(db, write, { account: "vic", password: "viewer-pass-1", address: "a" }, { now: c.now, limits });
      if (!r.ok) throw new Error(r.error);
      return r.token;
    };
    const t1 = await sign();
    setPassword(db, "vic", hash, c.now());
    expect(sessionUser(db, t1, limits, c.now())).toBeNull();
    const t2 = await sign();
    expect(sessionUser(db, t2, limits, c.now())?.role).toBe("viewer");
    setRole(db, "vic", "analyst", c.now());
    expect(sessionUser(db, t2, limits, c.now())).toBeNull();
    const t3 = await sign();
    expect(sessionUser(db, t3, limits, c.now())?.role).toBe("analyst");
    removeAccount(db, "vic", c.now());
    expect(sessionUser(db, t3, limits, c.now())).toBeNull();
  });
});

describe("accounts and roles", () => {
  it("a viewer is not an analyst, an analyst not an admin", () => {
    expect(hasRole("viewer", "viewer")).toBe(true);
    expect(hasRole("viewer", "analyst")).toBe(false);
    expect(hasRole("analyst", "analyst")).toBe(true);
    expect(hasRole("analyst", "admin")).toBe(false);
    expect(hasRole("admin", "analyst")).toBe(true);
    expect(hasRole(null, "viewer")).toBe(false);
  });

  it("ANALYST_PASSWORD is the bootstrap admin: created, re-hashed on change (ending sessions), removed when unset", async () => {
    const { db, write } = setup();
    const c = clock();
    const a = await syncBootstrapAdmin(db, "first-secret", c.now());
    expect(a).toMatchObject({ name: "admin", role: "admin", bootstrap: true });
    const s = await attemptSignIn(db, write, { account: "admin", password: "first-secret", address: "x" }, { now: c.now, limits });
    if (!s.ok) throw new Error(s.error);
    await syncBootstrapAdmin(db, "first-secret", c.now()); // unchanged: sessions stay
    expect(sessionUser(db, s.token, limits, c.now())).not.toBeNull();
    await syncBootstrapAdmin(db, "second-secret", c.now());
    expect(sessionUser(db, s.token, limits, c.now())).toBeNull();
    expect((await attemptSignIn(db, write, { account: "admin", password: "first-secret", address: "x" }, { now: c.now, limits })).ok).toBe(false);
    expect((await attemptSignIn(db, write, { account: "admin", password: "second-secret", address: "x" }, { now: c.now, limits })).ok).toBe(true);
    expect(() => setRole(db, "admin", "viewer")).toThrow(AccountError);
    expect(await syncBootstrapAdmin(db, null, c.now())).toBeNull();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "User"`).get()).toEqual({ n: 0 });
  });

  it("refuses bad names, duplicate names and removing the last admin", async () => {
    const { db } = setup();
    const hash = await hashPassword("long-enough");
    expect(() => addAccount(db, "../x", "viewer", hash)).toThrow(/letters, digits/);
    expect(() => addAccount(db, "", "viewer", hash)).toThrow(/Give the account a name/);
    addAccount(db, "Boss", "admin", hash);
    expect(() => addAccount(db, "boss", "viewer", hash)).toThrow(/already exists/);
    expect(() => removeAccount(db, "boss")).toThrow(/last admin/);
    expect(() => setRole(db, "boss", "viewer")).toThrow(/last admin/);
    addAccount(db, "second", "admin", hash);
    removeAccount(db, "boss");
    expect(db.prepare(`SELECT "name" FROM "User"`).all()).toEqual([{ name: "second" }]);
  });
});

describe("npm run user", () => {
  it("adds an account whose password comes from standard input, refuses bad input with exit codes, and audits", async () => {
    const { db, path, write } = setup();
    const env = { ...process.env, DATABASE_URL: `file:${path}` };
    const user = (args: string[], input = "") => spawnSync(process.execPath, ["scripts/cli.mjs", "user", ...args], { env, input, encoding: "utf8" });
    const added = user(["add", "Ana", "--role", "analyst"], "a-long-password\n");
    expect(added.stderr).toBe("");
    expect(added.stdout.trim()).toBe("Account ana (analyst) added.");
    expect(added.status).toBe(0);
    expect(user(["add", "ana", "--role", "analyst"], "another-password\n")).toMatchObject({ status: 1, stderr: 'An account named "ana" already exists.\n' });
    expect(user(["add", "bob", "--role", "owner"], "another-password\n").status).toBe(2);
    expect(user(["add", "bob", "--role", "viewer"], "short\n")).toMatchObject({ status: 1, stderr: "A password needs at least 8 characters.\n" });
    expect(user(["list"]).stdout).toBe("ana\tanalyst\t0 open session(s)\n");
    const ok = await attemptSignIn(db, write, { account: "ana", password: "a-long-password", address: "x" }, { limits });
    expect(ok).toMatchObject({ ok: true, user: { name: "ana", role: "analyst" } });
    expect(db.prepare(`SELECT "actor", "action", "target", "detail" FROM "AuditEntry" ORDER BY "id"`).all()).toEqual([
      { actor: "command line", action: "user-add", target: "ana", detail: "analyst" },
      { actor: "ana", action: "sign-in", target: null, detail: "x" },
    ]);
    expect(execFileSync(process.execPath, ["scripts/cli.mjs", "user", "remove", "ana"], { env, encoding: "utf8" })).toBe("Account ana removed.\n");
  }, 60_000);
});
