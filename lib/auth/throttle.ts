/**
 * Sign-in rate limits, counted from the SignInAttempt table. Each account and each client address
 * gets a few free failures; after that every further attempt must wait a delay that doubles with
 * each failure (1 s, 2 s, 4 s … up to 15 minutes). An attempt made during the delay is refused
 * without checking the password (so guessing gains nothing) and is recorded. A successful sign-in
 * clears the account's and the address's count; failures older than the window are forgotten.
 */
import type { Sqlite } from "@/lib/db/sqlite";

export interface ThrottlePolicy {
  /** Failures allowed without delay, per account. */
  freeAccountFailures: number;
  /** Failures allowed without delay, per client address (several people may share one). */
  freeAddressFailures: number;
  /** First delay after the free failures, ms; doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are not counted, ms. */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { freeAccountFailures: 5, freeAddressFailures: 20, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 };

export type AttemptReason = "wrong-password" | "unknown-account" | "throttled-account" | "throttled-address";

/** Failures since the last success within the window, and the time of the newest. */
function failures(db: Sqlite, column: "account" | "address", key: string, policy: ThrottlePolicy, now: number): { count: number; lastMs: number } {
  const r = db
    .prepare(
      `SELECT COUNT(*) AS count, MAX("atMs") AS lastMs FROM "SignInAttempt"
       WHERE "${column}" = ? AND "atMs" > ? AND "ok" = 0 AND "reason" IN ('wrong-password', 'unknown-account')
       AND "atMs" > COALESCE((SELECT MAX("atMs") FROM "SignInAttempt" WHERE "${column}" = ? AND "ok" = 1), 0)`,
    )
    .get(key, now - policy.windowMs, key) as { count: number; lastMs: number | null };
  return { count: r.count, lastMs: r.lastMs ?? 0 };
}

function waitFor(count: number, lastMs: number, free: number, policy: ThrottlePolicy, now: number): number {
  if (count < free) return 0;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, count - free));
  return Math.max(0, lastMs + delay - now);
}

/** How long the attempt must still wait (ms, 0 = go ahead) and which limit holds it back. */
export function throttled(db: Sqlite, account: string, address: string, policy = DEFAULT_THROTTLE, now = Date.now()): { waitMs: number; reason: AttemptReason | null } {
  const a = failures(db, "account", account, policy, now);
  const byAccount = waitFor(a.count, a.lastMs, policy.freeAccountFailures, policy, now);
  const ip = failures(db, "address", address, policy, now);
  const byAddress = waitFor(ip.count, ip.lastMs, policy.freeAddressFailures, policy, now);
  if (byAccount === 0 && byAddress === 0) return { waitMs: 0, reason: null };
  return byAccount >= byAddress ? { waitMs: byAccount, reason: "throttled-account" } : { waitMs: byAddress, reason: "throttled-address" };
}

export function recordAttempt(db: Sqlite, account: string, address: string, ok: boolean, reason: AttemptReason | null, now = Date.now()): void {
  db.prepare(`INSERT INTO "SignInAttempt" ("atMs", "account", "address", "ok", "reason") VALUES (?, ?, ?, ?, ?)`).run(now, account.slice(0, 200), address.slice(0, 100), ok ? 1 : 0, reason);
}

export function waitMessage(waitMs: number, reason: AttemptReason): string {
  const s = Math.ceil(waitMs / 1000);
  const wait = s >= 90 ? `${Math.ceil(s / 60)} minutes` : `${s} second${s === 1 ? "" : "s"}`;
  const who = reason === "throttled-address" ? "from this address" : "for this account";
  return `Too many failed sign-ins ${who}. Try again in ${wait}.`;
}
