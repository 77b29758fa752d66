import { getCurrentRun } from "@/lib/db/queries/current-run";
import { definitionsText } from "@/lib/views/definitions";
import { findingAnchor } from "@/lib/views/findings";
import { robotNoteText } from "@/lib/views/robots";

/**
 * Lines under a page's title about what its numbers are: how many sessions of crawlers and
 * automation the visitor figures leave out (or that they count them, when the data set's setting
 * says so), and the definitions the published run used (session timeout, click id vs utm tags,
 * robots, the store's own domains). The PDFs print the same sentences.
 */
export async function RunNotes() {
  const run = await getCurrentRun();
  if (!run) return null;
  const robots = robotNoteText(run.report.bots);
  const definitions = definitionsText(run.report);
  return (
    <>
      {robots && (
        <p className="muted small" data-testid="robot-note" style={{ margin: "0 0 6px" }}>
          {robots} <a href={`/data-quality#${findingAnchor("BOT_TRAFFIC")}`}>Details: BOT_TRAFFIC on Data quality</a>
        </p>
      )}
      {definitions && (
        <p className="muted small" data-testid="definitions-note" style={{ margin: "0 0 14px" }}>
          {definitions} <a href="/runs#settings-heading">Settings (analysts)</a>
        </p>
      )}
    </>
  );
}
