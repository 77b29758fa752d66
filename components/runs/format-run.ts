/** Small display helpers of the Runs & upload page (pure; shared by its client components). */

/** A run's row counts are known once it succeeded, or once it read its files and was then rejected by validation. */
export function countsKnown(run: { status: string; inputRows: number }): boolean {
  return run.status === "succeeded" || (run.status === "failed" && run.inputRows > 0);
}

/** 5601 → "5.6 s", 72000 → "1 min 12 s"; null → "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** 1536 → "1.5 KB", 52428800 → "50.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const STAGE_LABELS: Record<string, string> = {
  starting: "starting",
  ingest: "reading files",
  normalize: "normalizing",
  quality: "quality checks",
  events: "building events",
  gaps: "gap analysis",
  daily: "daily quality",
  sessions: "sessions",
  orders: "orders",
  attribution: "attribution",
  aggregates: "aggregates",
  validation: "validation",
  monitoring: "monitoring",
  save: "saving",
  done: "done",
};

/** A pipeline stage as a reader would say it: "ingest" → "reading files". */
export function stageLabel(stage: string | null): string {
  return stage ? (STAGE_LABELS[stage] ?? stage) : "waiting";
}

const SOURCE_LABELS: Record<string, string> = { cli: "Command line", upload: "Upload", demo: "Demo" };

/** How a file entered the data set, in words: "cli" → "Command line". */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

const TRIGGER_LABELS: Record<string, string> = { cli: "Command line", upload: "Upload", demo: "Demo data", rerun: "Re-run" };

/** What started a run, in words: "rerun" → "Re-run". */
export function triggerLabel(trigger: string): string {
  return TRIGGER_LABELS[trigger] ?? trigger;
}

const MODE_LABELS: Record<string, string> = { full: "Full", incremental: "Incremental" };

/** "incremental" → "Incremental". */
export function modeLabel(mode: string): string {
  return MODE_LABELS[mode] ?? mode;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * What a run changed in the data set and recomputed: "+1 day, 1 replaced, recomputed 14 days".
 * null when the run recorded nothing (still queued or running, failed before reading the files, or
 * older than these records).
 */
export function describeChanges(run: { partitionsAdded: number; partitionsReplaced: number; partitionsRemoved: number; recomputedDays: { count: number } }): string | null {
  const parts: string[] = [];
  if (run.partitionsAdded > 0) parts.push(`+${plural(run.partitionsAdded, "day", "days")}`);
  if (run.partitionsReplaced > 0) parts.push(`${run.partitionsReplaced.toLocaleString("en-US")} replaced`);
  if (run.partitionsRemoved > 0) parts.push(`${run.partitionsRemoved.toLocaleString("en-US")} removed`);
  if (run.recomputedDays.count > 0) parts.push(`recomputed ${plural(run.recomputedDays.count, "day", "days")}`);
  else if (parts.length > 0) parts.push("recomputed no days");
  return parts.length > 0 ? parts.join(", ") : null;
}
