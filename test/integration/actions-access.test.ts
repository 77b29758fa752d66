/**
 * A viewer is refused every mutation the server actions offer, and an analyst every account
 * change, on the server (not only by hidden buttons). The actions run as in the app, with Next's
 * request cookies replaced by a session of a real account in a throwaway database; nothing may
 * change in the database after a refusal.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { tempDatabase } from "../temp-db";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ "x-forwarded-for": "10.1.2.3" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/runs/worker", () => ({ kickWorker: () => undefined }));

const t = tempDatabase();
let tokens: Record<"viewer" | "analyst", string>;
const env = { DATABASE_URL: process.env.DATABASE_URL, ANALYST_PASSWORD: process.env.ANALYST_PASSWORD };

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${t.path}`;
  delete process.env.ANALYST_PASSWORD;
  const hash = await hashPassword("long-enough-1");
  const viewer = addAccount(t.db, "vera", "viewer", hash);
  const analyst = addAccount(t.db, "anton", "analyst", hash);
  tokens = { viewer: createSession(t.db, viewer.id).token, analyst: createSession(t.db, analyst.id).token };
  t.db.prepare(`INSERT INTO "Partition" ("name", "hash", "bytes", "path", "day", "source") VALUES ('events_20250301.csv', 'abc', 10, 'partitions/abc.csv', '2025-03-01', 'upload')`).run();
});
afterAll(() => {
  Object.assign(process.env, env);
  if (env.ANALYST_PASSWORD === undefined) delete process.env.ANALYST_PASSWORD;
  t.cleanup();
});

const counts = () => t.db.prepare(`SELECT (SELECT COUNT(*) FROM "Run") AS runs, (SELECT COUNT(*) FROM "Partition") AS partitions, (SELECT COUNT(*) FROM "Setting") AS settings, (SELECT COUNT(*) FROM "User") AS users, (SELECT COUNT(*) FROM "AuditEntry") AS audit`).get();
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("server actions refuse what the role may not do", () => {
  it("a viewer: re-run, remove a day, change a setting, manage accounts", async () => {
    jar.set("session", tokens.viewer);
    const before = counts();
    const runs = await import("@/app/runs/actions");
    const accounts = await import("@/app/accounts/actions");
    const analystOnly = { ok: false, error: "Your account (vera) is a viewer; this needs an analyst." };
    const adminOnly = { ok: false, error: "Your account (vera) is a viewer; this needs an admin." };
    expect(await runs.rerunAction()).toEqual(analystOnly);
    expect(await runs.removePartitionAction(1)).toEqual(analystOnly);
    expect(await runs.saveSettingsAction({ includeBots: true, precedence: "utm", sessionTimeoutMinutes: 30, ownDomains: "" })).toEqual(analystOnly);
    expect(await accounts.addAccountAction(null, form({ name: "eve", role: "admin", password: "long-enough-2" }))).toEqual(adminOnly);
    expect(await accounts.setRoleAction("vera", "admin")).toEqual(adminOnly);
    expect(await accounts.setPasswordAction(null, form({ name: "anton", password: "long-enough-3" }))).toEqual(adminOnly);
    expect(await accounts.removeAccountAction("anton")).toEqual(adminOnly);
    expect(counts()).toEqual(before);
  });

  it("an analyst: every account change; but a re-run is allowed and audited", async () => {
    jar.set("session", tokens.analyst);
    const before = counts() as { runs: number; audit: number };
    const runs = await import("@/app/runs/actions");
    const accounts = await import("@/app/accounts/actions");
    const adminOnly = { ok: false, error: "Your account (anton) is an analyst; this needs an admin." };
    expect(await accounts.setRoleAction("vera", "admin")).toEqual(adminOnly);
    expect(await accounts.removeAccountAction("vera")).toEqual(adminOnly);
    expect(counts()).toEqual(before);
    const rerun = await runs.rerunAction();
    expect(rerun).toMatchObject({ ok: true, runId: expect.any(Number) });
    expect(t.db.prepare(`SELECT "actor", "action" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1`).get()).toEqual({ actor: "anton", action: "rerun" });
  });

  it("an analyst: settings with a bad value change nothing; good ones are saved, audited and queue one rebuild", async () => {
    jar.set("session", tokens.analyst);
    const runs = await import("@/app/runs/actions");
    const { readSettings } = await import("@/lib/db/settings");
    const before = counts();
    expect(await runs.saveSettingsAction({ includeBots: false, precedence: "utm", sessionTimeoutMinutes: "2", ownDomains: "" })).toEqual({
      ok: false,
      error: "The session timeout must be a whole number of minutes from 5 to 240.",
    });
    expect(await runs.saveSettingsAction({ includeBots: false, precedence: "utm", sessionTimeoutMinutes: 30, ownDomains: "pay.example.net\nnot a domain" })).toEqual({
      ok: false,
      error: '"not" is not a domain (e.g. checkout.example.com).',
    });
    expect(counts()).toEqual(before);
    const saved = await runs.saveSettingsAction({ includeBots: false, precedence: "utm", sessionTimeoutMinutes: "45", ownDomains: "https://pay.example.net/x" });
    expect(saved).toMatchObject({ ok: true, runId: expect.any(Number) });
    expect(readSettings(t.db)).toEqual({ includeBots: false, precedence: "utm", sessionTimeoutMinutes: 45, ownDomains: ["pay.example.net"] });
    expect(t.db.prepare(`SELECT "actor", "action", "detail" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1`).get()).toMatchObject({
      actor: "anton",
      action: "setting",
      detail: expect.stringContaining("session timeout 45 minutes, own domains: pay.example.net"),
    });
    expect(await runs.saveSettingsAction({ includeBots: false, precedence: "utm", sessionTimeoutMinutes: 45, ownDomains: "pay.example.net" })).toEqual({ ok: true, message: "Nothing changed." });
  });

  it("nobody signed in: refused with a sign-in message", async () => {
    jar.clear();
    const runs = await import("@/app/runs/actions");
    expect(await runs.rerunAction()).toEqual({ ok: false, error: "Sign in as an analyst to do this." });
  });
});

describe("VIEWERS_MUST_SIGN_IN", () => {
  it("open by default; with the setting, readers need an account for routes and pages; row-level data always needs an analyst", async () => {
    const { routeUser } = await import("@/lib/auth/session");
    const { requireReaderPage } = await import("@/lib/auth/page-guard");
    jar.clear();
    delete process.env.VIEWERS_MUST_SIGN_IN;
    expect((await routeUser("reader")).refused).toBeNull();
    expect((await routeUser("analyst")).refused?.status).toBe(401);
    process.env.VIEWERS_MUST_SIGN_IN = "1";
    try {
      const refused = (await routeUser("reader")).refused!;
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: "Sign in as a viewer to do this." });
      // A page sends the visitor to the sign-in page, to come back after.
      await expect(requireReaderPage("/attribution")).rejects.toMatchObject({ digest: expect.stringContaining("/sign-in?next=%2Fattribution") });
      jar.set("session", tokens.viewer);
      expect((await routeUser("reader")).user).toMatchObject({ name: "vera", role: "viewer" });
      await expect(requireReaderPage("/attribution")).resolves.toMatchObject({ name: "vera" });
      expect((await routeUser("analyst")).refused?.status).toBe(403);
    } finally {
      delete process.env.VIEWERS_MUST_SIGN_IN;
    }
  });
});
