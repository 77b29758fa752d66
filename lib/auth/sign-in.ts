/**
 * The sign-in decision, without Next.js: rate limits first (an attempt during a delay is refused
 * without looking at the password), then the password; every attempt recorded; on success a new
 * session. `write` runs a short synchronous write (the web app passes writeWhenFree, so a run's
 * save is waited out without blocking the server).
 */
import type { Sqlite } from "@/lib/db/sqlite";
import { accountsExist, checkPassword, normalizeName } from "./accounts";
import { recordAudit } from "./audit";
import type { Role } from "./roles";
import { createSession, pruneSessions, sessionLimits, type SessionLimits } from "./sessions";
import { DEFAULT_THROTTLE, recordAttempt, throttled, waitMessage, type ThrottlePolicy } from "./throttle";

export type Write = <T>(fn: (db: Sqlite) => T) => Promise<T>;

export type SignInOutcome =
  | { ok: true; user: { userId: number; name: string; role: Role }; token: string; expiresAtMs: number }
  | { ok: false; error: string; reason: "throttled" | "wrong" | "missing" };

export async function attemptSignIn(
  db: Sqlite,
  write: Write,
  input: { account: string; password: string; address: string },
  opts: { policy?: ThrottlePolicy; limits?: SessionLimits; now?: () => number } = {},
): Promise<SignInOutcome> {
  const now = opts.now ?? Date.now;
  const account = normalizeName(input.account || "");
  if (!account) return { ok: false, error: "Enter your account name.", reason: "missing" };
  const wait = throttled(db, account, input.address, opts.policy ?? DEFAULT_THROTTLE, now());
  if (wait.waitMs > 0) {
    await write((w) => recordAttempt(w, account, input.address, false, wait.reason, now()));
    return { ok: false, error: waitMessage(wait.waitMs, wait.reason!), reason: "throttled" };
  }
  const user = await checkPassword(db, account, input.password);
  if (!user) {
    await write((w) => recordAttempt(w, account, input.address, false, "wrong-password", now()));
    return {
      ok: false,
      reason: "wrong",
      error: accountsExist(db) ? "Wrong account name or password." : "Sign-in is not set up: start the app with ANALYST_PASSWORD=<a password> (the admin account), or add an account with npm run user.",
    };
  }
  const limits = opts.limits ?? sessionLimits();
  const { token, expiresAtMs } = await write((w) => {
    const t = now();
    recordAttempt(w, account, input.address, true, null, t);
    pruneSessions(w, t);
    recordAudit(w, user.name, "sign-in", null, input.address, t);
    return createSession(w, user.id, limits, t);
  });
  return { ok: true, user: { userId: user.id, name: user.name, role: user.role }, token, expiresAtMs };
}
