/** Small display helpers of the Runs & upload page (pure; shared by its client components). */

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
