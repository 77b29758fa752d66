import "server-only";
/**
 * Accounts, sessions, roles and rate limits bound to Next.js: cookies, request headers, and the
 * database connections of lib/db. Server actions and route handlers call requireRole (or
 * routeUser) first; pages call currentUser to decide what to show.
 */
import { cookies, headers } from "next/headers";
import { sharedSqlite, writeWhenFree } from "@/lib/db/sqlite";
import { bootstrapChange } from "./accounts";
import { attemptSignIn } from "./sign-in";
import { recordAudit } from "./audit";
import { hasRole, type Role } from "./roles";
import { revokeSession, SESSION_COOKIE, sessionUser, type SessionUser } from "./sessions";

export type { SessionUser } from "./sessions";

export function configuredPassword(env: Record<string, string | undefined> = process.env): string | null {
  const p = env.ANALYST_PASSWORD;
  return p && p.length > 0 ? p : null;
}

/** VIEWERS_MUST_SIGN_IN=1: every page, PDF and CSV needs an account (default: dashboards are open). */
export function viewersMustSignIn(env: Record<string, string | undefined> = process.env): boolean {
  return env.VIEWERS_MUST_SIGN_IN === "1" || env.VIEWERS_MUST_SIGN_IN === "true";
}

/** The cookie is Secure with COOKIE_SECURE=1, or when the request reached the proxy over HTTPS (its x-forwarded-proto says https). */
async function secureRequest(): Promise<boolean> {
  if (process.env.COOKIE_SECURE === "1") return true;
  return (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The client's address: the first x-forwarded-for entry when a trusted proxy sets it (TRUST_PROXY=1), else what the server saw. */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const forwarded = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (forwarded.length === 0) return "unknown";
  return process.env.TRUST_PROXY === "1" ? forwarded[0]! : forwarded[forwarded.length - 1]!;
}

const state = globalThis as unknown as { __bootstrap?: Promise<void> };

/** Brings the bootstrap admin in step with ANALYST_PASSWORD once per process. */
export function ensureBootstrap(): Promise<void> {
  return (state.__bootstrap ??= (async () => {
    const change = await bootstrapChange(sharedSqlite(), configuredPassword());
    if (change) await writeWhenFree((db) => change(db));
  })().catch((e: unknown) => {
    state.__bootstrap = undefined;
    throw e;
  }));
}

export async function currentUser(): Promise<SessionUser | null> {
  await ensureBootstrap();
  return sessionUser(sharedSqlite(), (await cookies()).get(SESSION_COOKIE)?.value);
}

/** Refused: not signed in, or signed in without the role. The message says which. */
export class NotAllowed extends Error {
  override name = "NotAllowed";
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

function refusal(user: SessionUser | null, role: Role): NotAllowed {
  const what = role === "admin" ? "an admin" : role === "analyst" ? "an analyst" : "a viewer";
  const is = user?.role === "viewer" ? "a viewer" : user?.role === "analyst" ? "an analyst" : "an admin";
  return user ? new NotAllowed(403, `Your account (${user.name}) is ${is}; this needs ${what}.`) : new NotAllowed(401, `Sign in as ${what} to do this.`);
}

/** Every server action that changes data calls this first. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!hasRole(user?.role, role)) throw refusal(user, role);
  return user!;
}

/** The role a reader needs: nobody's when viewers need not sign in. */
export async function readerAllowed(): Promise<{ ok: true; user: SessionUser | null } | { ok: false; error: NotAllowed }> {
  const user = await currentUser();
  if (!viewersMustSignIn() || hasRole(user?.role, "viewer")) return { ok: true, user };
  return { ok: false, error: refusal(user, "viewer") };
}

/** For route handlers: the user when allowed, or the JSON refusal to return. `role: "reader"` follows VIEWERS_MUST_SIGN_IN. */
export async function routeUser(role: Role | "reader"): Promise<{ user: SessionUser | null; refused: null } | { user: null; refused: Response }> {
  if (role === "reader") {
    const r = await readerAllowed();
    return r.ok ? { user: r.user, refused: null } : { user: null, refused: Response.json({ error: r.error.message }, { status: r.error.status }) };
  }
  try {
    return { user: await requireRole(role), refused: null };
  } catch (e) {
    if (e instanceof NotAllowed) return { user: null, refused: Response.json({ error: e.message }, { status: e.status }) };
    throw e;
  }
}

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; error: string };

/** Checks limits and password (lib/auth/sign-in.ts); on success sets the new session's cookie. */
export async function signIn(name: string, password: string): Promise<SignInResult> {
  await ensureBootstrap();
  const r = await attemptSignIn(sharedSqlite(), (fn) => writeWhenFree(fn), { account: name, password, address: await clientAddress() });
  if (!r.ok) return { ok: false, error: r.error };
  (await cookies()).set(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: "strict", path: "/", expires: new Date(r.expiresAtMs), secure: await secureRequest() });
  return { ok: true, user: r.user };
}

/** Ends the session in the database (a copied cookie stops working too) and drops the cookie. */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  const user = sessionUser(sharedSqlite(), token);
  if (token) await writeWhenFree((db) => {
    revokeSession(db, token, "sign-out");
    if (user) recordAudit(db, user.name, "sign-out");
  });
  jar.delete(SESSION_COOKIE);
}
