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
}

export const DEFAULT_SETTINGS: DataSetSettings = { includeBots: false, precedence: "utm" };

export function readSettings(db: Sqlite): DataSetSettings {
  const rows = db.prepare(`SELECT "key", "value" FROM "Setting"`).all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    includeBots: typeof stored.includeBots === "boolean" ? stored.includeBots : DEFAULT_SETTINGS.includeBots,
    precedence: stored.precedence === "click_id" || stored.precedence === "utm" ? stored.precedence : DEFAULT_SETTINGS.precedence,
  };
}

/** Writes one setting; returns whether it changed. */
export function writeSetting<K extends keyof DataSetSettings>(db: Sqlite, key: K, value: DataSetSettings[K], by: string, now = Date.now()): boolean {
  if (readSettings(db)[key] === value) return false;
  db.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAtMs", "updatedBy") VALUES (?, ?, ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value", "updatedAtMs" = excluded."updatedAtMs", "updatedBy" = excluded."updatedBy"`).run(
    key,
    JSON.stringify(value),
    now,
    by,
  );
  return true;
}
