/**
 * The data set's settings (table Setting): definitions that shape every number and that an
 * analyst may change. The worker reads them at the start of each run; a change queues a rebuild.
 */
import type { Sqlite } from "./sqlite";

export interface DataSetSettings {
  /** Count crawler and automation sessions as visitors (default false: left out, BOT_TRAFFIC). */
  includeBots: boolean;
  /** Click id vs utm tags when they name different channels (default "utm"; GA4's default is "click_id"). */
  precedence: "utm" | "click_id";
  /** Inactivity that ends a session, minutes (default 30, as GA4). */
  sessionTimeoutMinutes: number;
  /** The store's domains besides the one detected from page URLs (checkout, payment, other shop fronts): a referrer there is not a referral. */
  ownDomains: string[];
}

export const DEFAULT_SETTINGS: DataSetSettings = { includeBots: false, precedence: "utm", sessionTimeoutMinutes: 30, ownDomains: [] };

export const SESSION_TIMEOUT_RANGE = { min: 5, max: 240 } as const;
export const MAX_OWN_DOMAINS = 20;

/** A whole number of minutes within the range, or a sentence saying what is wrong. */
export function checkSessionTimeout(value: unknown): { ok: true; value: number } | { ok: false; error: string } {
  const n = typeof value === "string" ? Number(value.trim()) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < SESSION_TIMEOUT_RANGE.min || n > SESSION_TIMEOUT_RANGE.max) {
    return { ok: false, error: `The session timeout must be a whole number of minutes from ${SESSION_TIMEOUT_RANGE.min} to ${SESSION_TIMEOUT_RANGE.max}.` };
  }
  return { ok: true, value: n };
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Domains as an analyst types them (one per line or comma-separated; a pasted URL or "www." is
 * reduced to its host), lower-cased, de-duplicated and sorted; or a sentence naming the first one
 * that is not a domain.
 */
export function parseOwnDomains(text: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const host = raw.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#:].*$/, "").replace(/^www\./, "").replace(/\.$/, "");
    if (!DOMAIN.test(host)) return { ok: false, error: `"${raw.slice(0, 80)}" is not a domain (e.g. checkout.example.com).` };
    out.add(host);
  }
  if (out.size > MAX_OWN_DOMAINS) return { ok: false, error: `At most ${MAX_OWN_DOMAINS} domains.` };
  return { ok: true, value: [...out].sort() };
}

export function readSettings(db: Sqlite): DataSetSettings {
  const rows = db.prepare(`SELECT "key", "value" FROM "Setting"`).all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const timeout = checkSessionTimeout(stored.sessionTimeoutMinutes);
  const domains = Array.isArray(stored.ownDomains) && stored.ownDomains.every((d) => typeof d === "string") ? parseOwnDomains(stored.ownDomains.join("\n")) : null;
  return {
    includeBots: typeof stored.includeBots === "boolean" ? stored.includeBots : DEFAULT_SETTINGS.includeBots,
    precedence: stored.precedence === "click_id" || stored.precedence === "utm" ? stored.precedence : DEFAULT_SETTINGS.precedence,
    sessionTimeoutMinutes: timeout.ok ? timeout.value : DEFAULT_SETTINGS.sessionTimeoutMinutes,
    ownDomains: domains?.ok ? domains.value : DEFAULT_SETTINGS.ownDomains,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes one setting; returns whether it changed. */
export function writeSetting<K extends keyof DataSetSettings>(db: Sqlite, key: K, value: DataSetSettings[K], by: string, now = Date.now()): boolean {
  if (same(readSettings(db)[key], value)) return false;
  db.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAtMs", "updatedBy") VALUES (?, ?, ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value", "updatedAtMs" = excluded."updatedAtMs", "updatedBy" = excluded."updatedBy"`).run(
    key,
    JSON.stringify(value),
    now,
    by,
  );
  return true;
}
