/**
 * The sentence every page and PDF prints about the definitions its numbers use: the settings the
 * published run was computed with (lib/db/settings.ts), not the settings saved since, which take
 * effect with the rebuild they queue.
 */
import { robotNoteText, type RobotCounts } from "./robots";

export interface RunDefinitions {
  sessionTimeoutMinutes: number;
  storeDomain: string | null;
  /** Absent in runs that predate the setting. */
  ownDomains?: string[];
  bots?: { included: boolean } | null;
  tagging?: { precedence: "utm" | "click_id" } | null;
}

export function definitionsText(report: RunDefinitions | null | undefined): string | null {
  if (!report) return null;
  const parts = [`a session ends after ${report.sessionTimeoutMinutes} minutes without an event`];
  if (report.tagging) parts.push(report.tagging.precedence === "utm" ? "utm tags win over an ad click id" : "an ad click id wins over utm tags");
  if (report.bots) parts.push(report.bots.included ? "robots count as visitors" : "robots are left out of visitor figures");
  const own = [report.storeDomain ? `${report.storeDomain} (detected from page URLs)` : null, ...(report.ownDomains ?? [])].filter((d): d is string => d !== null);
  parts.push(own.length ? `referrers from ${own.join(", ")} are the store's own, not referrals` : "the store's own domain could not be detected");
  return `Definitions: ${parts.join("; ")}.`;
}

/** The note under a PDF's title: the robot sentence (lib/views/robots.ts), the definitions and the data's caveats (lib/views/caveats.ts). */
export function runNoteText(report: (RunDefinitions & { bots?: RobotCounts | null }) | null | undefined, caveats: string[] = []): string | null {
  const parts = [robotNoteText(report?.bots), definitionsText(report), ...caveats.map((c) => `Caveat. ${c}`)].filter((t): t is string => !!t);
  return parts.length ? parts.join(" ") : null;
}
