import type { PointStatus } from "@/lib/views/monitoring-shape";

const CLASS: Record<PointStatus, string> = { PASS: "ok", WARNING: "warning", CRITICAL: "critical", NOT_SCORED: "info" };
const TEXT: Record<PointStatus, string> = { PASS: "PASS", WARNING: "WARNING", CRITICAL: "CRITICAL", NOT_SCORED: "NOT SCORED" };

/** The status pill used in every monitoring table (green PASS, amber WARNING, red CRITICAL). */
export function StatusBadge({ status }: { status: PointStatus }) {
  return (
    <span className={`badge ${CLASS[status]}`} data-status={status}>
      {TEXT[status]}
    </span>
  );
}
