import { getCurrentRun } from "@/lib/db/queries/current-run";
import { robotNoteText } from "@/lib/views/robots";

/**
 * One line under a page's title: how many sessions of crawlers and automation the visitor figures
 * leave out (or that they count them, when the data set's setting says so). The PDFs print the same
 * sentence. Nothing when the data holds no robots.
 */
export async function RobotNote() {
  const run = await getCurrentRun();
  const text = robotNoteText(run?.report.bots);
  if (!text) return null;
  return (
    <p className="muted small" data-testid="robot-note" style={{ margin: "0 0 14px" }}>
      {text} <a href="/data-quality">Details: BOT_TRAFFIC on Data quality</a>
    </p>
  );
}
