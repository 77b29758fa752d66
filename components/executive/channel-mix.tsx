"use client";

import Link from "next/link";
import { CsvButton, SortButton, useTableSort } from "@/components/ui/data-table";
import { ariaSort, buildCsv, csvMoney, csvPercent, type ColumnModel } from "@/components/ui/table-model";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import type { Model } from "@/lib/pipeline/constants";
import { channelBars } from "@/lib/views/executive-shape";
import { withFilters } from "@/lib/views/url-filters";
import css from "./executive.module.css";

type Bar = ReturnType<typeof channelBars>[number];

const CHANNEL: ColumnModel<Bar> = { id: "channel", sortValue: (c) => c.channel, csv: { header: "Channel", value: (c) => c.channel } };
const SHARE: ColumnModel<Bar> = { id: "share", numeric: true, sortValue: (c) => c.share, csv: { header: "Share of revenue (%)", value: (c) => csvPercent(c.share) } };
const REVENUE: ColumnModel<Bar> = { id: "revenue", numeric: true, sortValue: (c) => c.revenue, csv: { header: "Revenue (USD)", value: (c) => csvMoney(c.revenue) } };
const COLUMNS: ColumnModel<Bar>[] = [CHANNEL, { id: "bar" }, SHARE, REVENUE];

/** Revenue credited to each channel under the chosen model: a bar per channel with its share and amount (the raw value in `data-value`); sortable, with a CSV of the rows as shown. */
export function ChannelMix({ channels, model, period }: { channels: ExecutiveSummary["channels"]; model: Model; period: { from: string; to: string } }) {
  const { sort, sorted, toggle } = useTableSort(channelBars(channels), COLUMNS);
  if (channels.length === 0) return <p className="muted small">No channel data in this period.</p>;
  const header = (column: ColumnModel<Bar>, label: string, className?: string) => (
    <span role="columnheader" aria-sort={ariaSort(sort, column.id)} className={className}>
      <SortButton column={column} sort={sort} onSort={toggle}>
        {label}
      </SortButton>
    </span>
  );
  return (
    <>
      <div className={css.channels} data-testid="channel-mix" role="table" aria-label="Revenue by channel">
        <div role="row" className="small muted">
          {header(CHANNEL, "Channel")}
          <span role="columnheader" aria-label="Share bar" />
          {header(SHARE, "Share", css.num)}
          {header(REVENUE, "Revenue", css.num)}
        </div>
        {sorted.map((c) => (
          <div key={c.channel} role="row" data-channel={c.channel} data-value={c.revenue} className={c.revenue === 0 ? css.zero : undefined} title={`${c.channel}: ${c.orders.toLocaleString("en-US", { maximumFractionDigits: 1 })} orders credited, ${c.sessions.toLocaleString("en-US")} sessions`}>
            <span role="cell" className={css.channelName}>
              <Link href={withFilters("/traffic", { period: "custom", from: period.from, to: period.to, channel: c.channel })} title={`${c.channel} on the Traffic page: its sources, campaigns, landing pages and funnel`}>
                {c.channel}
              </Link>
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
      <CsvButton label="the channel mix" fileName={["executive", "channel mix", model, period.from, "to", period.to]} rows={sorted.length} testId="channel-mix-csv" csv={() => buildCsv(COLUMNS, sorted)} />
    </>
  );
}
