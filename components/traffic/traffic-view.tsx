"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { CaveatNote } from "@/components/caveat-note";
import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import { RangePicker } from "@/components/executive/range-picker";
import { DataTable, type Column } from "@/components/ui/data-table";
import { csvDecimal, csvMoney, csvNumber, csvPercent } from "@/components/ui/table-model";
import type { SourceRow, Traffic, TrafficMetrics } from "@/lib/db/queries/traffic";
import { formatCurrency, formatDecimal, formatInt, formatPercent } from "@/lib/reports/format";
import { formatRange, type DayRange, type RangeChoice } from "@/lib/views/executive-shape";
import { filterText, funnelSteps, sessionCount, SOURCE_LIMIT, valueLabel } from "@/lib/views/traffic-shape";
import { filterSearch, parseFilters, type UrlFilters } from "@/lib/views/url-filters";

/** A source / medium / campaign cell: the decoded name with the exported value under it, or the value alone, or "(none)". */
function ValueCell({ value, decoded }: { value: string | null; decoded: string | null }) {
  if (decoded) {
    return (
      <span style={{ whiteSpace: "nowrap" }} title={valueLabel(value, decoded)}>
        {decoded}
        <br />
        <span className="muted small mono">{value}</span>
      </span>
    );
  }
  return <span style={{ whiteSpace: "nowrap" }}>{valueLabel(value, decoded)}</span>;
}

/** A source, medium or campaign column: the cell shows the decoded name over the exported value; the CSV has both. */
function valueColumn(id: string, header: string, pick: (r: SourceRow) => [value: string | null, decoded: string | null]): Column<SourceRow> {
  return {
    id,
    header,
    cell: (r) => <ValueCell value={pick(r)[0]} decoded={pick(r)[1]} />,
    sortValue: (r) => pick(r)[1] ?? pick(r)[0],
    csv: [
      { header, value: (r) => pick(r)[0] },
      { header: `${header} (decoded)`, value: (r) => pick(r)[1] },
    ],
  };
}

/** Rows shown at first in the long tables; a button shows the rest (the CSV holds what is shown). */
const FIRST_ROWS = 25;

function useShowAll<T>(rows: readonly T[], first: number) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, first);
  const toggle =
    rows.length > first ? (
      <button type="button" className="btn" onClick={() => setAll((a) => !a)} aria-expanded={all} style={{ marginTop: 8 }}>
        {all ? `Show the first ${first}` : `Show all ${rows.length}`}
      </button>
    ) : null;
  return { shown, toggle };
}

const seconds = (s: number | null) => (s === null ? "—" : `${formatInt(Math.round(s))} s`);

/** The columns every breakdown shares after its name: engagement, the funnel's end and the sessions' own orders. */
function metricColumns<Row extends TrafficMetrics>(total: number): Column<Row>[] {
  return [
    { id: "sessions", header: "Sessions", numeric: true, cell: (r) => formatInt(r.sessions), sortValue: (r) => r.sessions, csv: { header: "Sessions", value: (r) => csvNumber(r.sessions, 0) } },
    { id: "share", header: "Share", numeric: true, cell: (r) => formatPercent(total > 0 ? r.sessions / total : null, 1), sortValue: (r) => r.sessions, csv: { header: "Share (%)", value: (r) => csvPercent(total > 0 ? r.sessions / total : null) } },
    { id: "bounce", header: "Bounce", numeric: true, cell: (r) => formatPercent(r.bounceRate, 1), sortValue: (r) => r.bounceRate, csv: { header: "Bounce (%)", value: (r) => csvPercent(r.bounceRate) } },
    { id: "pages", header: "Pages / session", numeric: true, cell: (r) => formatDecimal(r.pagesPerSession, 2), sortValue: (r) => r.pagesPerSession, csv: { header: "Pages / session", value: (r) => csvDecimal(r.pagesPerSession, 2) } },
    { id: "duration", header: "Avg. duration", numeric: true, cell: (r) => seconds(r.avgDurationSec), sortValue: (r) => r.avgDurationSec, csv: { header: "Avg. duration (s)", value: (r) => csvNumber(r.avgDurationSec, 1) } },
    { id: "conversion", header: "Conversion", numeric: true, cell: (r) => formatPercent(r.conversionRate, 2), sortValue: (r) => r.conversionRate, csv: { header: "Conversion (%)", value: (r) => csvPercent(r.conversionRate) } },
    { id: "orders", header: "Orders", numeric: true, cell: (r) => formatInt(r.orders), sortValue: (r) => r.orders, csv: { header: "Orders", value: (r) => csvNumber(r.orders, 0) } },
    { id: "revenue", header: "Revenue", numeric: true, cell: (r) => formatCurrency(r.revenue, 0), sortValue: (r) => r.revenue, csv: { header: "Revenue (USD)", value: (r) => csvMoney(r.revenue) } },
  ];
}

/** The funnel's step rates per segment (a channel or a device): of all sessions. */
function funnelColumns<Row extends TrafficMetrics>(): Column<Row>[] {
  const rate = (id: string, header: string, pick: (r: Row) => number): Column<Row> => ({
    id,
    header,
    numeric: true,
    cell: (r) => formatPercent(r.sessions > 0 ? pick(r) / r.sessions : null, 1),
    sortValue: (r) => (r.sessions > 0 ? pick(r) / r.sessions : null),
    csv: [
      { header: `${header} (sessions)`, value: (r) => csvNumber(pick(r), 0) },
      { header: `${header} (% of sessions)`, value: (r) => csvPercent(r.sessions > 0 ? pick(r) / r.sessions : null) },
    ],
  });
  return [
    { id: "sessions", header: "Sessions", numeric: true, cell: (r) => formatInt(r.sessions), sortValue: (r) => r.sessions, csv: { header: "Sessions", value: (r) => csvNumber(r.sessions, 0) } },
    rate("view", "Product view", (r) => r.productViews),
    rate("cart", "Add to cart", (r) => r.addToCarts),
    rate("checkout", "Checkout", (r) => r.checkouts),
    rate("purchase", "Purchase", (r) => r.purchases),
  ];
}

function Panel({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section id={id} className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} {hint ? <span className="hint">{hint}</span> : null}
      </h2>
      {children}
    </section>
  );
}

/** The Traffic page: filters, the funnel, and sessions by channel, device, source / medium / campaign and landing page. */
export function TrafficView({ data }: { data: Traffic }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const carried = parseFilters(new URLSearchParams(params.toString()));
  const current: UrlFilters = {
    ...carried,
    period: data.period,
    ...(data.period === "custom" ? { from: data.range.from, to: data.range.to } : { from: undefined, to: undefined }),
    channel: data.filters.channel ?? undefined,
    device: data.filters.device ?? undefined,
  };
  const href = (change: Partial<UrlFilters>) => {
    const q = filterSearch({ ...current, ...change });
    return `${pathname}${q ? `?${q}` : ""}`;
  };
  const go = (change: Partial<UrlFilters>) => startTransition(() => router.push(href(change), { scroll: false }));
  const period = { from: data.range.from, to: data.range.to };
  const fileName = (table: string) => ["traffic", table, period.from, "to", period.to, data.filters.channel, data.filters.device];
  const total = data.totals.sessions;
  const filtered = data.filters.channel !== null || data.filters.device !== null;

  const filterLink = (kind: "channel" | "device", value: string) => {
    const active = data.filters[kind] === value;
    return (
      <Link href={href({ [kind]: active ? undefined : value })} scroll={false} aria-current={active ? "true" : undefined} title={active ? `Show every ${kind}` : `Show only ${value}`} data-filter={kind}>
        {value}
      </Link>
    );
  };

  const channelColumns: Column<Traffic["channels"][number]>[] = [
    { id: "channel", header: "Channel", cell: (r) => filterLink("channel", r.channel), sortValue: (r) => r.channel, csv: { header: "Channel", value: (r) => r.channel } },
    ...metricColumns(total),
  ];
  const deviceColumns: Column<Traffic["devices"][number]>[] = [
    { id: "device", header: "Device", cell: (r) => filterLink("device", r.device), sortValue: (r) => r.device, csv: { header: "Device", value: (r) => r.device } },
    ...metricColumns(total),
  ];
  const sourceColumns: Column<SourceRow>[] = [
    { id: "channel", header: "Channel", cell: (r) => r.channel, sortValue: (r) => r.channel, csv: { header: "Channel", value: (r) => r.channel } },
    valueColumn("source", "Source", (r) => [r.source, r.sourceName]),
    valueColumn("medium", "Medium", (r) => [r.medium, r.mediumName]),
    valueColumn("campaign", "Campaign", (r) => [r.campaign, r.campaignName]),
    ...metricColumns<SourceRow>(total).filter((c) => c.id !== "pages" && c.id !== "duration"),
  ];
  const landingColumns: Column<Traffic["landingPages"][number]>[] = [
    { id: "path", header: "Landing page", cell: (r) => <span className="mono wrap">{r.path ?? "(no page URL)"}</span>, sortValue: (r) => r.path, csv: { header: "Landing page", value: (r) => r.path } },
    ...metricColumns<Traffic["landingPages"][number]>(total).filter((c) => c.id !== "pages"),
  ];
  const steps = funnelSteps(data.totals);
  const sources = useShowAll(data.sources, FIRST_ROWS);
  const landing = useShowAll(data.landingPages, FIRST_ROWS);

  return (
    <div aria-busy={pending}>
      <div className="toolbar" role="region" aria-label="Filters" data-testid="traffic-filters">
        {data.dataRange ? (
          <RangePicker data={data.dataRange} choice={data.period} range={period} onSelect={(choice: RangeChoice, r: DayRange) => go(choice === "custom" ? { period: "custom", from: r.from, to: r.to } : { period: choice, from: undefined, to: undefined })} />
        ) : null}
        <label>
          Channel{" "}
          <select value={data.filters.channel ?? ""} onChange={(e) => go({ channel: e.target.value || undefined })} data-testid="channel-filter">
            <option value="">All channels</option>
            {data.channelOptions.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Device{" "}
          <select value={data.filters.device ?? ""} onChange={(e) => go({ device: e.target.value || undefined })} data-testid="device-filter">
            <option value="">All devices</option>
            {data.deviceOptions.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {filtered ? (
          <Link className="btn" href={href({ channel: undefined, device: undefined })} scroll={false} data-testid="clear-filters">
            Clear filters
          </Link>
        ) : null}
        <span role="status" className="small muted">
          {pending ? "Updating…" : ""}
        </span>
      </div>
      <p className="small" data-testid="traffic-scope">
        <b>Showing</b> {filterText(data.filters)}, {formatRange(period)} ({sessionCount(total)}).{" "}
        {data.robotsIncluded ? "Robots count as visitors (the data set's setting)." : `${formatInt(data.robotSessionsLeftOut)} robot sessions left out.`}
      </p>
      {data.ignored.length > 0 ? (
        <p role="alert" className="callout warning" data-testid="ignored-filters">
          Not applied: {data.ignored.join("; ")}. Showing {filterText(data.filters)}.
        </p>
      ) : null}

      <section className="kpis" aria-label="Key figures">
        {[
          ["Sessions", formatInt(total)],
          ["Bounce rate", formatPercent(data.totals.bounceRate, 1)],
          ["Pages / session", formatDecimal(data.totals.pagesPerSession, 2)],
          ["Avg. duration", seconds(data.totals.avgDurationSec)],
          ["Conversion", formatPercent(data.totals.conversionRate, 2)],
          ["Revenue", formatCurrency(data.totals.revenue, 0)],
        ].map(([label, value]) => (
          <div key={label} className="kpi" data-testid={`traffic-kpi-${label}`}>
            <div className="label">{label}</div>
            <div className="value">{value}</div>
          </div>
        ))}
      </section>
      <CaveatNote text={data.numberCaveats.conversion} testId="caveat-conversion" />

      <Panel id="funnel" title="Funnel" hint="sessions that reached each step (a later step counts as reaching the earlier ones)">
        {total === 0 ? (
          <p className="muted small">No sessions match these filters in this period.</p>
        ) : (
          <>
            <SimpleBarChart title={`Funnel: ${steps.map((s) => `${s.step} ${s.sessions}`).join(", ")}`} data={steps.map((s) => ({ label: s.step, value: s.sessions }))} height={220} />
            <ol className="small" data-testid="funnel-steps" style={{ display: "flex", flexWrap: "wrap", gap: "4px 18px", listStyle: "none", padding: 0, margin: "8px 0 0" }}>
              {steps.map((s) => (
                <li key={s.step}>
                  <b>{s.step}</b> {formatInt(s.sessions)}
                  {s.ofPrevious !== null ? <span className="muted"> · {formatPercent(s.ofPrevious, 1)} of the step before</span> : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </Panel>

      <Panel id="channels" title="Channels" hint="click a channel to show only it">
        <CaveatNote text={data.numberCaveats.channels} testId="caveat-channels" />
        <DataTable columns={channelColumns} rows={data.channels} rowKey={(r) => r.channel} rowProps={(r) => ({ "data-channel": r.channel })} testId="traffic-channels" csvLabel="the channel table" fileName={fileName("channels")} />
      </Panel>

      {/* .grid-2 has no margin of its own (its panels drop theirs): the panel below needs the gap. */}
      <div className="grid-2" style={{ marginBottom: 18 }}>
        <Panel id="devices" title="Devices" hint="click a device to show only it">
          <DataTable columns={deviceColumns.filter((c) => c.id !== "pages" && c.id !== "duration")} rows={data.devices} rowKey={(r) => r.device} rowProps={(r) => ({ "data-device": r.device })} testId="traffic-devices" csvLabel="the device table" fileName={fileName("devices")} />
        </Panel>
        <Panel id="funnel-by" title="Funnel by channel" hint="share of the channel's sessions reaching each step">
          <DataTable columns={[channelColumns[0]!, ...funnelColumns<Traffic["channels"][number]>()]} rows={data.channels} rowKey={(r) => r.channel} testId="funnel-by-channel" csvLabel="the funnel by channel" fileName={fileName("funnel-by-channel")} />
        </Panel>
      </div>
      <Panel id="funnel-by-device" title="Funnel by device" hint="share of the device's sessions reaching each step">
        <DataTable columns={[deviceColumns[0]!, ...funnelColumns<Traffic["devices"][number]>()]} rows={data.devices} rowKey={(r) => r.device} testId="funnel-by-device" csvLabel="the funnel by device" fileName={fileName("funnel-by-device")} />
      </Panel>

      <Panel id="sources" title="Source / medium / campaign" hint="as tagged on the landing URL; hashed values with the name behind them where known">
        <p className="small muted" style={{ marginTop: 0 }}>
          Source is the landing URL&apos;s utm_source, else the external referrer&apos;s host. <b>(none)</b> means the session carried none: a direct visit, or (channel &ldquo;Unknown&rdquo;) a file that did not record referrers. Campaign names are hashed in these exports and no dictionary can name them.
        </p>
        <DataTable columns={sourceColumns} rows={sources.shown} rowKey={(r) => `${r.channel}|${r.source}|${r.medium}|${r.campaign}`} testId="traffic-sources" csvLabel="the source / medium / campaign table" fileName={fileName("sources")} />
        {sources.toggle}
        <p className="small muted" data-testid="sources-count">
          {sources.shown.length < data.sources.length
            ? `The ${sources.shown.length} combinations with the most sessions, of ${data.sources.length}${data.sources.length >= SOURCE_LIMIT ? "+" : ""}.`
            : data.sources.length >= SOURCE_LIMIT
              ? `The ${SOURCE_LIMIT} combinations with the most sessions.`
              : `All ${data.sources.length} combinations.`}
        </p>
      </Panel>

      <Panel id="landing-pages" title="Landing pages" hint="the page each session started on">
        <DataTable columns={landingColumns} rows={landing.shown} rowKey={(r) => r.path ?? ""} testId="traffic-landing" csvLabel="the landing page table" fileName={fileName("landing-pages")} />
        {landing.toggle}
        <p className="small muted" data-testid="landing-count">
          {landing.shown.length < data.landingPageCount ? `The ${landing.shown.length} landing pages with the most sessions, of ${formatInt(data.landingPageCount)}.` : `All ${formatInt(data.landingPageCount)} landing pages.`}
        </p>
      </Panel>
    </div>
  );
}
