import { getCurrentRun } from "@/lib/db/queries/current-run";
import { formatInt } from "@/lib/reports/format";
import { TaggingMovesTable } from "./tagging-moves-table";

/**
 * Sessions whose ad click id and utm tags name different channels, and the first- and last-click
 * revenue (7-day lookback) that the other reading would move: a marketer sees what the precedence
 * setting decides. Nothing when there is no conflict.
 */
export async function TaggingConflicts() {
  const run = await getCurrentRun();
  const t = run?.report.tagging;
  if (!t || t.conflicts === 0) return null;
  const reading = t.precedence === "utm" ? "the utm tags win; the other reading lets the click id win (GA4's default)" : "the click id wins (as GA4); the other reading lets the utm tags win";
  return (
    <section className="panel" aria-labelledby="tagging-heading" data-testid="tagging-conflicts" style={{ marginTop: 18 }}>
      <h2 id="tagging-heading">
        Tagging conflicts <span className="hint">click id vs utm tags · TAGGING_CONFLICT</span>
      </h2>
      <p className="small">
        {formatInt(t.conflicts)} visitor sessions landed with an ad click id and utm tags naming another channel ({t.pairs.map((p) => `${p.channel} by this reading vs ${p.other}: ${formatInt(p.sessions)}`).join("; ")}). Here {reading}; the data set&apos;s setting (Runs page) decides.
      </p>
      <TaggingMovesTable moves={t.moves} precedence={t.precedence} />
    </section>
  );
}
