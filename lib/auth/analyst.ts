/**
 * Analyst sign-in. The password comes from ANALYST_PASSWORD; it is compared by hash in constant
 * time. A session is an http-only cookie holding an expiry and an HMAC of it keyed by the
 * password, so changing the password signs everybody out. Pure functions (no Next imports) so
 * they are tested directly; lib/auth/session.ts binds them to cookies.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "analyst_session";
export const SESSION_HOURS = 12;

export function configuredPassword(env: Record<string, string | undefined> = process.env): string | null {
  const p = env.ANALYST_PASSWORD;
  return p && p.length > 0 ? p : null;
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function passwordMatches(input: string, password: string): boolean {
  return timingSafeEqual(digest(input), digest(password));
}

function sign(expiresAt: number, password: string): string {
  return createHmac("sha256", digest(`analyst-session:${password}`)).update(String(expiresAt)).digest("hex");
}

export function issueToken(password: string, now = Date.now()): { token: string; expiresAt: number } {
  const expiresAt = now + SESSION_HOURS * 3_600_000;
  return { token: `${expiresAt}.${sign(expiresAt, password)}`, expiresAt };
}

export function tokenValid(token: string | undefined, password: string | null, now = Date.now()): boolean {
  if (!token || !password) return false;
  const [exp, mac] = token.split(".");
  const expiresAt = Number(exp);
  if (!mac || !Number.isFinite(expiresAt) || expiresAt < now) return false;
  const expected = Buffer.from(sign(expiresAt, password), "hex");
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
