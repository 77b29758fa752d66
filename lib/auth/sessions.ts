/**
 * Server-side sessions (table AuthSession). The cookie carries 32 random bytes; the database keeps
 * only their sha256, so a copied database signs nobody in. A session ends at its absolute expiry,
 * after an idle spell, or when revoked (sign-out, password or role change, account removed).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Sqlite } from "@/lib/db/sqlite";
import { isRole, type Role } from "./roles";

export const SESSION_COOKIE = "session";

export interface SessionLimits {
  /** Absolute lifetime from sign-in, ms. */
  absoluteMs: number;
  /** Longest time between two requests, ms. */
  idleMs: number;
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** SESSION_HOURS (default 12) and SESSION_IDLE_MINUTES (default 60). */
export function sessionLimits(env: Record<string, string | undefined> = process.env): SessionLimits {
  return { absoluteMs: positive(env.SESSION_HOURS, 12) * 3_600_000, idleMs: positive(env.SESSION_IDLE_MINUTES, 60) * 60_000 };
}

const tokenId = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A new session id for every sign-in (never reuses one a browser brought along). */
export function createSession(db: Sqlite, userId: number, limits = sessionLimits(), now = Date.now()): { token: string; expiresAtMs: number } {
  const token = randomBytes(32).toString("base64url");
  const expiresAtMs = now + limits.absoluteMs;
  db.prepare(`INSERT INTO "AuthSession" ("id", "userId", "createdAtMs", "lastSeenMs", "expiresAtMs") VALUES (?, ?, ?, ?, ?)`).run(tokenId(token), userId, now, now, expiresAtMs);
  return { token, expiresAtMs };
}

export interface SessionUser {
  userId: number;
  name: string;
  role: Role;
}

/** How often a live session's lastSeenMs is written (at most): reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The signed-in account of a cookie token, or null when the token is unknown, revoked, past its
 * absolute expiry or idle too long. Renews lastSeenMs now and then; a database busy saving a run
 * skips the renewal rather than making the request wait.
 */
export function sessionUser(db: Sqlite, token: string | undefined | null, limits = sessionLimits(), now = Date.now()): SessionUser | null {
  if (!token || token.length > 200) return null;
  const id = tokenId(token);
  const row = db
    .prepare(
      `SELECT s."lastSeenMs", s."expiresAtMs", s."revokedAtMs", u."id" AS userId, u."name", u."role"
       FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
    )
    .get(id) as { lastSeenMs: number; expiresAtMs: number; revokedAtMs: number | null; userId: number; name: string; role: string } | undefined;
  if (!row || row.revokedAtMs !== null || row.expiresAtMs <= now || now - row.lastSeenMs > limits.idleMs || !isRole(row.role)) return null;
  if (now - row.lastSeenMs >= TOUCH_EVERY_MS) {
    try {
      db.prepare(`UPDATE "AuthSession" SET "lastSeenMs" = ? WHERE "id" = ?`).run(now, id);
    } catch {
      // SQLITE_BUSY while a run saves: the session stays valid; the next request renews it.
    }
  }
  return { userId: row.userId, name: row.name, role: row.role };
}

export function revokeSession(db: Sqlite, token: string | undefined | null, why = "sign-out", now = Date.now()): void {
  if (!token) return;
  db.prepare(`UPDATE "AuthSession" SET "revokedAtMs" = ?, "revokedWhy" = ? WHERE "id" = ? AND "revokedAtMs" IS NULL`).run(now, why, tokenId(token));
}

export function revokeUserSessions(db: Sqlite, userId: number, why: string, now = Date.now()): number {
  return db.prepare(`UPDATE "AuthSession" SET "revokedAtMs" = ?, "revokedWhy" = ? WHERE "userId" = ? AND "revokedAtMs" IS NULL`).run(now, why, userId).changes;
}

/** Drops sessions that ended more than a day ago (called at sign-in; keeps the table small). */
export function pruneSessions(db: Sqlite, now = Date.now()): void {
  db.prepare(`DELETE FROM "AuthSession" WHERE ("revokedAtMs" IS NOT NULL AND "revokedAtMs" < ?) OR "expiresAtMs" < ?`).run(now - 86_400_000, now - 86_400_000);
}
