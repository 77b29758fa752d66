import { getCurrentRun } from "@/lib/db/queries/current-run";
import { formatInt } from "@/lib/reports/format";

/**
 * One line under a page's title: how many sessions of crawlers and automation the visitor figures
 * leave out (or that they count them, when the data set's setting says so). Nothing when the data
 * holds no robots, or the run predates robot detection.
 */
export async function RobotNote() {
  const run = await getCurrentRun();
  const bots = run?.report.bots;
  if (!bots || bots.sessions === 0) return null;
  const share = `${(bots.sessionShare * 100).toFixed(1)}%`;
  return (
    <p className="muted small" data-testid="robot-note" style={{ margin: "0 0 14px" }}>
      {bots.included ? (
        <>
          Visitor figures <b>include</b> {formatInt(bots.sessions)} robot sessions ({share} of all), as the data set&apos;s setting says.{" "}
        </>
      ) : (
        <>
          Visitor figures leave out {formatInt(bots.sessions)} robot sessions ({share} of all sessions): crawlers and automation, by user agent.{" "}
        </>
      )}
      <a href="/data-quality">Details: BOT_TRAFFIC on Data quality</a>
      {bots.orders > 0 && <> · {formatInt(bots.orders)} orders from robot agents are kept and flagged</>}
    </p>
  );
}
