/**
 * The Traffic page as a PDF: the period and filters it was made for, the key figures, the funnel
 * (chart and steps), sessions by channel and device with their funnel, source / medium / campaign
 * and landing pages. Runs in route handlers and in tests alike (no "server-only").
 */
import type { SourceRow, Traffic, TrafficMetrics } from "@/lib/db/queries/traffic";
import { formatRange } from "@/lib/views/executive-shape";
import { filterText, funnelSteps, sessionCount, valueLabel } from "@/lib/views/traffic-shape";
import { formatCurrency, formatDateTime, formatDecimal, formatInt, formatPercent } from "./format";
import { BarChart, Callout, DataTable, Figure, KpiRow, Paragraph, ReportDocument, SectionTitle, View, renderPdf, type Column } from "./pdf-kit";

export interface TrafficPdfOptions {
  generatedAt?: Date;
  /** A line under the subtitle qualifying every figure (lib/views/definitions.ts). */
  note?: string | null;
}

/** How many source / medium / campaign rows the PDF lists (the page lists more and its CSV all of them). */
const PDF_SOURCES = 40;
const PDF_LANDING = 25;

export async function renderTrafficPdf(data: Traffic, options: TrafficPdfOptions = {}): Promise<Buffer> {
  return renderPdf(<TrafficReport data={data} generatedAt={options.generatedAt ?? new Date()} note={options.note ?? null} />);
}

const seconds = (s: number | null) => (s === null ? "-" : `${formatDecimal(s, 0)} s`);
const rate = (a: number, b: number) => formatPercent(b > 0 ? a / b : null, 1);

function metricColumns<T extends TrafficMetrics>(total: number): Column<T>[] {
  return [
    { header: "Sessions", width: 1, align: "right", value: (r) => formatInt(r.sessions) },
    { header: "Share", width: 0.8, align: "right", value: (r) => rate(r.sessions, total) },
    { header: "Bounce", width: 0.8, align: "right", value: (r) => formatPercent(r.bounceRate, 1) },
    { header: "Conversion", width: 0.9, align: "right", value: (r) => formatPercent(r.conversionRate, 2) },
    { header: "Orders", width: 0.8, align: "right", value: (r) => formatInt(r.orders) },
    { header: "Revenue", width: 1.1, align: "right", value: (r) => formatCurrency(r.revenue, 0) },
  ];
}

function TrafficReport({ data, generatedAt, note }: { data: Traffic; generatedAt: Date; note: string | null }) {
  const subtitle = [formatRange(data.range), filterText(data.filters), `Run #${data.runId}`, `loaded ${formatDateTime(data.createdAt)}`].join("  ·  ");
  const total = data.totals.sessions;
  const steps = funnelSteps(data.totals);
  const scope = `${sessionCount(total)}. ${data.robotsIncluded ? "Robots count as visitors (the data set's setting)." : `${formatInt(data.robotSessionsLeftOut)} robot sessions left out.`}`;
  const withEngagement: Column<TrafficMetrics & { channel?: string; device?: string }>[] = [
    ...metricColumns(total).slice(0, 3),
    { header: "Pages/session", width: 1, align: "right", value: (r) => formatDecimal(r.pagesPerSession, 2) },
    { header: "Avg. duration", width: 1, align: "right", value: (r) => seconds(r.avgDurationSec) },
    ...metricColumns(total).slice(3),
  ];
  const funnelCols = <T extends TrafficMetrics>(): Column<T>[] => [
    { header: "Sessions", width: 1, align: "right", value: (r) => formatInt(r.sessions) },
    { header: "Product view", width: 1, align: "right", value: (r) => rate(r.productViews, r.sessions) },
    { header: "Add to cart", width: 1, align: "right", value: (r) => rate(r.addToCarts, r.sessions) },
    { header: "Checkout", width: 1, align: "right", value: (r) => rate(r.checkouts, r.sessions) },
    { header: "Purchase", width: 1, align: "right", value: (r) => rate(r.purchases, r.sessions) },
  ];
  const sourceCols: Column<SourceRow>[] = [
    { header: "Channel", width: 1.3, value: (r) => r.channel },
    { header: "Source", width: 1.8, value: (r) => valueLabel(r.source, r.sourceName) },
    { header: "Medium", width: 1.3, value: (r) => valueLabel(r.medium, r.mediumName) },
    { header: "Campaign", width: 1.1, value: (r) => valueLabel(r.campaign, r.campaignName) },
    ...metricColumns<SourceRow>(total).filter((c) => c.header !== "Share"),
  ];
  return (
    <ReportDocument meta={{ title: "Traffic", subtitle, runId: data.runId, generatedAt, note }}>
      <View>
        <Paragraph>{`Filters: ${filterText(data.filters)}. Period: ${formatRange(data.range)}. ${scope}`}</Paragraph>
        {data.ignored.length > 0 ? <Callout tone="warning">{`Not applied: ${data.ignored.join("; ")}.`}</Callout> : null}
        <KpiRow
          items={[
            { label: "Sessions", value: formatInt(total) },
            { label: "Bounce rate", value: formatPercent(data.totals.bounceRate, 1) },
            { label: "Pages / session", value: formatDecimal(data.totals.pagesPerSession, 2) },
            { label: "Avg. duration", value: seconds(data.totals.avgDurationSec) },
            { label: "Conversion", value: formatPercent(data.totals.conversionRate, 2) },
            { label: "Revenue", value: formatCurrency(data.totals.revenue, 0) },
          ]}
        />
        {data.numberCaveats.conversion ? <Callout tone="warning" title="Caveat">{data.numberCaveats.conversion}</Callout> : null}
      </View>
      <SectionTitle caption="Sessions that reached each step; a later step counts as reaching the earlier ones.">Funnel</SectionTitle>
      <Figure>
        <BarChart data={steps.map((s) => ({ label: s.step, value: s.sessions }))} height={130} format={formatInt} />
      </Figure>
      <Paragraph muted>{steps.map((s) => `${s.step} ${formatInt(s.sessions)}${s.ofPrevious === null ? "" : ` (${formatPercent(s.ofPrevious, 1)} of the step before)`}`).join("  ->  ")}</Paragraph>
      <SectionTitle caption="Landing channel of each session; revenue of the orders placed in those sessions.">Channels</SectionTitle>
      {data.numberCaveats.channels ? <Callout tone="warning" title="Caveat">{data.numberCaveats.channels}</Callout> : null}
      <DataTable columns={[{ header: "Channel", width: 1.6, bold: true, value: (r: Traffic["channels"][number]) => r.channel }, ...(withEngagement as Column<Traffic["channels"][number]>[])]} rows={data.channels} emptyText="No sessions match these filters." />
      <SectionTitle caption="Share of each channel's sessions reaching each step.">Funnel by channel</SectionTitle>
      <DataTable columns={[{ header: "Channel", width: 1.6, bold: true, value: (r: Traffic["channels"][number]) => r.channel }, ...funnelCols<Traffic["channels"][number]>()]} rows={data.channels} emptyText="No sessions match these filters." />
      <SectionTitle caption="Device of each session's landing event.">Devices</SectionTitle>
      <DataTable columns={[{ header: "Device", width: 1.6, bold: true, value: (r: Traffic["devices"][number]) => r.device }, ...(withEngagement as Column<Traffic["devices"][number]>[])]} rows={data.devices} emptyText="No sessions match these filters." />
      <DataTable columns={[{ header: "Device", width: 1.6, bold: true, value: (r: Traffic["devices"][number]) => r.device }, ...funnelCols<Traffic["devices"][number]>()]} rows={data.devices} emptyText="No sessions match these filters." />
      <SectionTitle caption={`utm_source (else the external referrer's host), utm_medium and utm_campaign of the landing URL; hashed values with the name behind them where known; (none): not present. ${data.sources.length > PDF_SOURCES ? `The ${PDF_SOURCES} combinations with the most sessions (the page's CSV has more).` : `All ${data.sources.length} combinations.`}`}>Source / medium / campaign</SectionTitle>
      <DataTable columns={sourceCols} rows={data.sources.slice(0, PDF_SOURCES)} emptyText="No sessions match these filters." fontSize={7} />
      <SectionTitle caption={data.landingPageCount > PDF_LANDING ? `The ${PDF_LANDING} landing pages with the most sessions, of ${formatInt(data.landingPageCount)}.` : `All ${formatInt(data.landingPageCount)} landing pages.`}>Landing pages</SectionTitle>
      <DataTable columns={[{ header: "Landing page", width: 3, value: (r: Traffic["landingPages"][number]) => r.path ?? "(no page URL)" }, ...metricColumns<Traffic["landingPages"][number]>(total)]} rows={data.landingPages.slice(0, PDF_LANDING)} emptyText="No sessions match these filters." fontSize={7} />
    </ReportDocument>
  );
}
