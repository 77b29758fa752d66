import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { channelBars } from "@/lib/views/executive-shape";
import css from "./executive.module.css";

/** Revenue credited to each channel under the chosen model: a bar per channel with its share and amount. */
export function ChannelMix({ channels }: { channels: ExecutiveSummary["channels"] }) {
  if (channels.length === 0) return <p className="muted small">No channel data in this period.</p>;
  return (
    <div className={css.channels} data-testid="channel-mix" role="table" aria-label="Revenue by channel">
      <div role="row" className="small muted">
        <span role="columnheader">Channel</span>
        <span role="columnheader" aria-label="Share bar" />
        <span role="columnheader" className={css.num}>Share</span>
        <span role="columnheader" className={css.num}>Revenue</span>
      </div>
      {channelBars(channels).map((c) => (
        <div key={c.channel} role="row" data-channel={c.channel} className={c.revenue === 0 ? css.zero : undefined} title={`${c.channel}: ${c.orders.toLocaleString("en-US", { maximumFractionDigits: 1 })} orders credited, ${c.sessions.toLocaleString("en-US")} sessions`}>
          <span role="cell" className={css.channelName}>
            {c.channel}
          </span>
          <span role="cell" className={css.track}>
            <span className={css.fill} style={{ width: `${(c.width * 100).toFixed(1)}%`, display: "block" }} />
          </span>
          <span role="cell" className={css.num}>
            {c.shareText}
          </span>
          <span role="cell" className={css.num}>
            {c.revenueText}
          </span>
        </div>
      ))}
    </div>
  );
}
