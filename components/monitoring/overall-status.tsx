import type { Status } from "@/lib/pipeline/anomaly";
import { formatDateTime } from "@/lib/reports/format";
import type { StatusSummary } from "@/lib/views/monitoring-shape";

const TONE: Record<Status, { color: string; soft: string; verdict: string }> = {
  PASS: { color: "var(--ok)", soft: "var(--ok-soft)", verdict: "Today's numbers can be trusted." },
  WARNING: { color: "var(--warning)", soft: "var(--warning-soft)", verdict: "Usable, with caveats: look at the warnings before sharing numbers." },
  CRITICAL: { color: "var(--critical)", soft: "var(--critical-soft)", verdict: "Do not trust today's numbers until the critical checks are resolved." },
};

/** The big overall verdict: coloured status, one-line count summary and which checks fail. */
export function OverallStatus({ summary, newestEventTs }: { summary: StatusSummary; newestEventTs: number | null }) {
  const tone = TONE[summary.status];
  return (
    <section className="panel" aria-label="Overall status" style={{ display: "flex", gap: 22, alignItems: "center", borderLeft: `6px solid ${tone.color}`, flexWrap: "wrap" }}>
      <div
        data-testid="overall-status"
        data-status={summary.status}
        style={{ background: tone.soft, color: tone.color, fontSize: 28, fontWeight: 750, letterSpacing: 1, padding: "12px 22px", borderRadius: 10, minWidth: 190, textAlign: "center" }}
      >
        {summary.status}
      </div>
      <div style={{ flex: 1, minWidth: 280 }}>
        <div data-testid="status-summary" style={{ fontSize: 18, fontWeight: 600 }}>
          {summary.text}
        </div>
        <div style={{ marginTop: 4 }}>{tone.verdict}</div>
        {summary.failing.length > 0 && <div className="small muted" style={{ marginTop: 6 }}>Not passing: {summary.failing.join(", ")}.</div>}
        <div className="small muted" style={{ marginTop: 2 }}>Newest event in the data: {formatDateTime(newestEventTs)}.</div>
      </div>
    </section>
  );
}
