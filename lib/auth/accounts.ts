/**
 * Accounts in the database (table User). Plain functions over a better-sqlite3 connection so the
 * web app, the command line (npm run user) and the tests share them. Changing a password or a
 * role, or removing an account, revokes the account's sessions in the same transaction.
 * Hashing is slow and asynchronous, so it happens first (newPasswordHash); the writes are
 * synchronous and short, and the web app runs them inside writeWhenFree.
 */
import type { Sqlite } from "@/lib/db/sqlite";
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from "./password";
import { isRole, type Role } from "./roles";
import { revokeUserSessions } from "./sessions";

export interface Account {
  id: number;
  name: string;
  role: Role;
  createdAtMs: number;
  passwordChangedAtMs: number;
  bootstrap: boolean;
}

/** The account ANALYST_PASSWORD signs in as. */
export const BOOTSTRAP_ADMIN = "admin";

export class AccountError extends Error {
  override name = "AccountError";
}

/** Names are what people type: lower-case letters, digits, dot, dash, underscore; 1–64 characters. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

export function nameProblem(name: string): string | null {
  const n = normalizeName(name);
  if (n.length === 0) return "Give the account a name.";
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(n)) return "An account name has 1–64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit.";
  return null;
}

type Row = { id: number; name: string; role: string; createdAtMs: number; passwordChangedAtMs: number; bootstrap: number; passwordHash: string };
const toAccount = (r: Row): Account => ({ id: r.id, name: r.name, role: isRole(r.role) ? r.role : "viewer", createdAtMs: r.createdAtMs, passwordChangedAtMs: r.passwordChangedAtMs, bootstrap: r.bootstrap === 1 });

export function findAccount(db: Sqlite, name: string): (Account & { passwordHash: string }) | null {
  const r = db.prepare(`SELECT * FROM "User" WHERE "name" = ?`).get(normalizeName(name)) as Row | undefined;
  return r ? { ...toAccount(r), passwordHash: r.passwordHash } : null;
}

/** Whether anybody can sign in at all (the bootstrap admin is an account too). */
export function accountsExist(db: Sqlite): boolean {
  return db.prepare(`SELECT 1 FROM "User" LIMIT 1`).get() !== undefined;
}

export function accountById(db: Sqlite, id: number): Account | null {
  const r = db.prepare(`SELECT * FROM "User" WHERE "id" = ?`).get(id) as Row | undefined;
  return r ? toAccount(r) : null;
}

export function listAccounts(db: Sqlite, now = Date.now()): (Account & { activeSessions: number })[] {
  const rows = db
    .prepare(
      `SELECT u.*, (SELECT COUNT(*) FROM "AuthSession" s WHERE s."userId" = u."id" AND s."revokedAtMs" IS NULL AND s."expiresAtMs" > ?) AS active
       FROM "User" u ORDER BY u."name"`,
    )
    .all(now) as (Row & { active: number })[];
  return rows.map((r) => ({ ...toAccount(r), activeSessions: r.active }));
}

function countAdmins(db: Sqlite): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM "User" WHERE "role" = 'admin'`).get() as { n: number }).n;
}

/** Checks a new password and hashes it (async, off the event loop). */
export async function newPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  return hashPassword(password);
}

/** Checks the name and role before a password is hashed, so a bad request fails fast. */
export function checkNewAccount(db: Sqlite, name: string, role: string): void {
  const problem = nameProblem(name) ?? (isRole(role) ? null : `Unknown role "${role}": use viewer, analyst or admin.`);
  if (problem) throw new AccountError(problem);
  if (findAccount(db, name)) throw new AccountError(`An account named "${normalizeName(name)}" already exists.`);
}

export function addAccount(db: Sqlite, name: string, role: Role, hash: string, now = Date.now()): Account {
  checkNewAccount(db, name, role);
  const info = db.prepare(`INSERT INTO "User" ("name", "role", "passwordHash", "createdAtMs", "passwordChangedAtMs") VALUES (?, ?, ?, ?, ?)`).run(normalizeName(name), role, hash, now, now);
  return accountById(db, Number(info.lastInsertRowid))!;
}

export function setPassword(db: Sqlite, name: string, hash: string, now = Date.now()): void {
  const account = findAccount(db, name);
  if (!account) throw new AccountError(`There is no account named "${normalizeName(name)}".`);
  if (account.bootstrap) throw new AccountError(`The "${account.name}" account's password is ANALYST_PASSWORD: change it in the server's environment.`);
  db.transaction(() => {
    db.prepare(`UPDATE "User" SET "passwordHash" = ?, "passwordChangedAtMs" = ? WHERE "id" = ?`).run(hash, now, account.id);
    revokeUserSessions(db, account.id, "password-changed", now);
  })();
}

export function setRole(db: Sqlite, name: string, role: Role, now = Date.now()): void {
  if (!isRole(role)) throw new AccountError(`Unknown role "${role}": use viewer, analyst or admin.`);
  const account = findAccount(db, name);
  if (!account) throw new AccountError(`There is no account named "${normalizeName(name)}".`);
  if (account.bootstrap) throw new AccountError(`The "${account.name}" account is the bootstrap admin (ANALYST_PASSWORD): its role cannot change.`);
  if (account.role === role) return;
  db.transaction(() => {
    if (account.role === "admin" && countAdmins(db) <= 1) throw new AccountError("This is the last admin account: make another admin first.");
    db.prepare(`UPDATE "User" SET "role" = ? WHERE "id" = ?`).run(role, account.id);
    revokeUserSessions(db, account.id, "role-changed", now);
  })();
}

export function removeAccount(db: Sqlite, name: string, now = Date.now()): void {
  const account = findAccount(db, name);
  if (!account) throw new AccountError(`There is no account named "${normalizeName(name)}".`);
  if (account.bootstrap) throw new AccountError(`The "${account.name}" account comes from ANALYST_PASSWORD: unset that variable instead.`);
  db.transaction(() => {
    if (account.role === "admin" && countAdmins(db) <= 1) throw new AccountError("This is the last admin account: make another admin first.");
    revokeUserSessions(db, account.id, "account-removed", now);
    db.prepare(`DELETE FROM "User" WHERE "id" = ?`).run(account.id);
  })();
}

/**
 * Keeps the bootstrap admin in step with ANALYST_PASSWORD: created when the variable is set,
 * re-hashed (and its sessions revoked) when the variable changes, and removed (sessions too) when
 * it is unset. `bootstrapChange` works out what to write (hashing when needed); the returned
 * function writes it (null: nothing to do).
 */
export async function bootstrapChange(db: Sqlite, password: string | null): Promise<((db: Sqlite, now?: number) => void) | null> {
  const existing = db.prepare(`SELECT * FROM "User" WHERE "bootstrap" = 1`).get() as Row | undefined;
  if (!password) {
    if (!existing) return null;
    return (w, now = Date.now()) => {
      revokeUserSessions(w, existing.id, "account-removed", now);
      w.prepare(`DELETE FROM "User" WHERE "id" = ? AND "bootstrap" = 1`).run(existing.id);
    };
  }
  if (existing && (await verifyPassword(password, existing.passwordHash))) return null;
  const hash = await hashPassword(password);
  return (w, now = Date.now()) => {
    // An account already called "admin" (or the old bootstrap row) takes the new password.
    const target = (w.prepare(`SELECT "id" FROM "User" WHERE "bootstrap" = 1 OR "name" = ? ORDER BY "bootstrap" DESC LIMIT 1`).get(BOOTSTRAP_ADMIN) as { id: number } | undefined)?.id;
    if (target === undefined) {
      w.prepare(`INSERT INTO "User" ("name", "role", "passwordHash", "createdAtMs", "passwordChangedAtMs", "bootstrap") VALUES (?, 'admin', ?, ?, ?, 1)`).run(BOOTSTRAP_ADMIN, hash, now, now);
      return;
    }
    w.prepare(`UPDATE "User" SET "passwordHash" = ?, "passwordChangedAtMs" = ?, "role" = 'admin', "bootstrap" = 1 WHERE "id" = ?`).run(hash, now, target);
    revokeUserSessions(w, target, "password-changed", now);
  };
}

/** bootstrapChange applied on one connection (command line, tests). */
export async function syncBootstrapAdmin(db: Sqlite, password: string | null, now = Date.now()): Promise<Account | null> {
  const change = await bootstrapChange(db, password);
  if (change) db.transaction(() => change(db, now))();
  const row = db.prepare(`SELECT * FROM "User" WHERE "bootstrap" = 1`).get() as Row | undefined;
  return row ? toAccount(row) : null;
}

/** Checks a name and password against the stored hash; an unknown name costs as much time as a wrong password. */
export async function checkPassword(db: Sqlite, name: string, password: string): Promise<Account | null> {
  const account = findAccount(db, name);
  const ok = await verifyPassword(password.slice(0, 4096), account?.passwordHash ?? (await decoyHash()));
  return account && ok ? account : null;
}
