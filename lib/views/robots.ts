/** The sentence every page and PDF shows about robot sessions (docs/metrics.md, robots). */
export interface RobotCounts {
  included: boolean;
  sessions: number;
  sessionShare: number;
  orders: number;
}

const int = (n: number) => n.toLocaleString("en-US");

/** Null when the data holds no robot sessions (or the run predates robot detection). */
export function robotNoteText(bots: RobotCounts | null | undefined): string | null {
  if (!bots || bots.sessions === 0) return null;
  const share = `${(bots.sessionShare * 100).toFixed(1)}%`;
  const orders = bots.orders > 0 ? ` ${int(bots.orders)} orders from robot agents are kept and flagged.` : "";
  return bots.included
    ? `Visitor figures include ${int(bots.sessions)} robot sessions (${share} of all), as the data set's setting says.${orders}`
    : `Visitor figures leave out ${int(bots.sessions)} robot sessions (${share} of all sessions): crawlers and automation, by user agent.${orders}`;
}
