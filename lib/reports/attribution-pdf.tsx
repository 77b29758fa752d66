/**
 * The attribution report as a PDF: two models compared per channel (table and grouped bars) for one
 * lookback window, conversion paths, time to purchase, customer cohorts and the channel rules. Runs in route handlers
 * and in command-line scripts alike (no "server-only": tests render it directly).
 */
import type { AttributionData } from "@/lib/db/queries/attribution";
import { MODEL_LABELS, MODEL_RULES, UNATTRIBUTED, type Model } from "@/lib/pipeline/constants";
import { compareModels, comparisonTotal, type ComparisonRow } from "@/lib/views/compare-models";
import { BOOTSTRAP_RESAMPLES } from "@/lib/pipeline/bootstrap";
import { personRows } from "@/lib/views/identity-view";
import { noiseSentence, rangeText, withinNoise } from "@/lib/views/intervals";
import { NOT_YET, cohortIdentityText, shownWindows, type CohortRow, type CohortView } from "@/lib/views/cohorts";
import { formatCurrency, formatDateTime, formatDecimal, formatInt, formatMinutes, formatPercent } from "./format";
import {
  BarChart, Callout, DataTable, Figure, GroupedHorizontalBarChart, KpiRow, Paragraph, ReportDocument, SectionTitle,
  Text, View, palette, renderPdf, type Column,
} from "./pdf-kit";

const COLOR_A = palette.accent;
const COLOR_B = "#d9822b";
const TOP_PATHS = 10;

export interface AttributionPdfOptions {
  /** Shown in the footer; defaults to now. */
  generatedAt?: Date;
  /** A line under the subtitle qualifying every figure (lib/views/robots.ts). */
  note?: string | null;
  /** The model whose channel table the page shows: printed first (the PDF of what is on screen). */
  model?: Model | null;
  /** The page's channel table per device (default) or per person. */
  identity?: "device" | "person";
  /** The customer cohorts of the identity asked for (the page's cohorts panel); left out when null. */
  cohorts?: CohortView | null;
}

export async function renderAttributionPdf(data: AttributionData, a: Model, b: Model, options: AttributionPdfOptions = {}): Promise<Buffer> {
  return renderPdf(<AttributionReport data={data} a={a} b={b} model={options.model ?? null} identity={options.identity ?? "device"} cohorts={options.cohorts ?? null} generatedAt={options.generatedAt ?? new Date()} note={options.note ?? null} />);
}

const orders = (n: number) => (Math.abs(n - Math.round(n)) < 0.05 ? formatInt(n) : formatDecimal(n, 1));
const signedCurrency = (n: number, digits = 2) => (Math.abs(n) < 0.005 ? formatCurrency(0, digits) : `${n > 0 ? "+" : ""}${formatCurrency(n, digits)}`);
function signedPercent(ratio: number | null, diff: number): string {
  if (ratio === null) return diff > 0 ? "new" : "-";
  const v = Math.abs(ratio) < 5e-6 ? 0 : ratio;
  return `${v > 0 ? "+" : ""}${formatPercent(v, v !== 0 && Math.abs(v) < 0.001 ? 2 : 1)}`;
}
const diffColor = (n: number) => (n > 0.005 ? palette.success : n < -0.005 ? palette.critical : palette.muted);

function top(data: AttributionData, model: Model) {
  const best = data.byModel[model].filter((r) => r.channel !== UNATTRIBUTED && r.revenue > 0).sort((p, q) => q.revenue - p.revenue)[0];
  return best ? { channel: best.channel, share: data.totals.revenue > 0 ? best.revenue / data.totals.revenue : null } : null;
}

function AttributionReport({ data, a, b, model, identity, cohorts, generatedAt, note }: { data: AttributionData; a: Model; b: Model; model: Model | null; identity: "device" | "person"; cohorts: CohortView | null; generatedAt: Date; note: string | null }) {
  const rows = compareModels(data, a, b);
  const subtitle = [...(model ? [`Channels: ${MODEL_LABELS[model]}`] : []), `${MODEL_LABELS[a]} vs ${MODEL_LABELS[b]}`, `${data.lookbackDays}-day lookback`, `Run #${data.runId}`, `loaded ${formatDateTime(data.createdAt)}`].join("  ·  ");
  return (
    <ReportDocument meta={{ title: "Attribution comparison", subtitle, runId: data.runId, generatedAt, note }}>
      <Overview data={data} a={a} b={b} rows={rows} />
      {model ? <ModelChannelsSection data={data} model={model} perPerson={identity === "person" && data.byPerson !== null} /> : null}
      <ComparisonSection data={data} a={a} b={b} rows={rows} />
      <ChartSection data={data} a={a} b={b} rows={rows} />
      <JourneysSection data={data} />
      {cohorts ? <CohortsSection cohorts={cohorts} asked={identity} /> : null}
      <RulesSection data={data} />
    </ReportDocument>
  );
}

function Overview({ data, a, b, rows }: { data: AttributionData; a: Model; b: Model; rows: ComparisonRow[] }) {
  const { totals } = data;
  const topA = top(data, a);
  const topB = top(data, b);
  const shift = [...rows].sort((p, q) => Math.abs(q.revenueDiff) - Math.abs(p.revenueDiff))[0];
  const unattributed = data.journeys?.unattributedOrders ?? 0;
  // Sections are fragments: a heading that is the first child of a View cannot move to the next page.
  return (
    <>
      <SectionTitle caption={`Orders and revenue are the same under every model: each order's revenue is split over the sessions of its client in the ${data.lookbackDays} days before the purchase.`}>
        Overview
      </SectionTitle>
      {totals.orders === 0 ? <Callout tone="warning" title="No orders">This run has no orders: there is no revenue to attribute.</Callout> : null}
      <KpiRow
        items={[
          { label: "Orders", value: formatInt(totals.orders), hint: unattributed > 0 ? `${formatInt(unattributed)} unattributed` : "all attributed", tone: "neutral" },
          { label: "Revenue", value: formatCurrency(totals.revenue, 0), hint: `AOV ${formatCurrency(totals.orders > 0 ? totals.revenue / totals.orders : null)}`, tone: "neutral" },
          { label: "Sessions", value: formatInt(totals.sessions), hint: `conversion ${formatPercent(totals.sessions > 0 ? totals.orders / totals.sessions : null, 2)}`, tone: "neutral" },
        ]}
      />
      <KpiRow
        items={[
          { label: "Top channel, model A", value: topA?.channel ?? "-", hint: topA ? `${formatPercent(topA.share)} of revenue, ${MODEL_LABELS[a]}` : "no revenue", tone: "accent" },
          { label: "Top channel, model B", value: topB?.channel ?? "-", hint: topB ? `${formatPercent(topB.share)} of revenue, ${MODEL_LABELS[b]}` : "no revenue", tone: "accent" },
          {
            label: "Largest shift (B - A)",
            value: shift && Math.abs(shift.revenueDiff) >= 0.005 ? signedCurrency(shift.revenueDiff, 0) : "none",
            hint: shift && Math.abs(shift.revenueDiff) >= 0.005 ? shift.channel : "the models agree",
            tone: "neutral",
          },
        ]}
      />
      <Callout tone="accent" title="The two models">
        <Text>{`A, ${MODEL_LABELS[a]}: ${MODEL_RULES[a]}`}</Text>
        <Text>{`B, ${MODEL_LABELS[b]}: ${MODEL_RULES[b]}`}</Text>
      </Callout>
    </>
  );
}

type ChannelRow = AttributionData["byModel"][Model][number];

/** The channel table of the model the page shows, as the page shows it (revenue descending, a total). */
function ModelChannelsSection({ data, model, perPerson }: { data: AttributionData; model: Model; perPerson: boolean }) {
  const rows = perPerson ? personRows(data.byModel[model], data.byPerson?.[model]) : data.byModel[model];
  const revenue = rows.reduce((s, r) => s + r.revenue, 0);
  const columns: Column<ChannelRow>[] = [
    { header: "Channel", width: 2.6, value: (r) => r.channel, bold: true },
    { header: "Sessions", width: 1, align: "right", value: (r) => formatInt(r.sessions) },
    { header: "Credited orders", width: 1.1, align: "right", value: (r) => orders(r.orders) },
    { header: "Revenue", width: 1.4, align: "right", value: (r) => formatCurrency(r.revenue) },
    { header: "Share", width: 0.9, align: "right", value: (r) => formatPercent(revenue > 0 ? r.revenue / revenue : null) },
    { header: "Conversion", width: 1, align: "right", value: (r) => formatPercent(r.conversionRate, 2) },
    { header: "AOV", width: 1, align: "right", value: (r) => formatCurrency(r.aov) },
  ];
  // The intervals are per device: shown only beside the per-device figures.
  const intervals = perPerson ? null : (data.intervals?.[model] ?? null);
  if (intervals) {
    columns.splice(4, 0, { header: "90% interval", width: 1.9, align: "right", value: (r) => { const i = intervals.channels[r.channel]; return i ? rangeText(i.revenueLow, i.revenueHigh) : "-"; } });
  }
  const close = withinNoise(intervals);
  return (
    <>
      <SectionTitle caption={`The channel table the page shows: ${MODEL_LABELS[model]}, ${data.lookbackDays}-day lookback, ${perPerson ? "per person (each order credited over all the buyer's devices)" : "per device"}. ${MODEL_RULES[model]}`}>{`Channels: ${MODEL_LABELS[model]}${perPerson ? ", per person" : ""}`}</SectionTitle>
      <DataTable columns={columns} rows={rows} emptyText="No channel has sessions or revenue." />
      {intervals ? (
        <Paragraph muted>{`90% interval: the 5th to 95th percentile of the channel's revenue over ${BOOTSTRAP_RESAMPLES.toLocaleString("en-US")} resamples of the orders. ${close.length === 0 ? "Every channel earns more than the next one down beyond noise." : close.map(noiseSentence).join(" ")}`}</Paragraph>
      ) : null}
    </>
  );
}

const comparisonColumns: Column<ComparisonRow>[] = [
  { header: "Channel", width: 3.1, value: (r) => r.channel, bold: true },
  { header: "Orders A", width: 0.9, align: "right", value: (r) => orders(r.ordersA) },
  { header: "Revenue A", width: 1.5, align: "right", value: (r) => formatCurrency(r.revenueA) },
  { header: "Orders B", width: 0.9, align: "right", value: (r) => orders(r.ordersB) },
  { header: "Revenue B", width: 1.5, align: "right", value: (r) => formatCurrency(r.revenueB) },
  { header: "Difference B - A", width: 1.3, align: "right", value: (r) => signedCurrency(r.revenueDiff), color: (r) => diffColor(r.revenueDiff) },
  { header: "Difference %", width: 1, align: "right", value: (r) => signedPercent(r.revenueDiffPct, r.revenueDiff), color: (r) => diffColor(r.revenueDiff) },
];

function ComparisonSection({ data, a, b, rows }: { data: AttributionData; a: Model; b: Model; rows: ComparisonRow[] }) {
  const total = comparisonTotal(rows);
  return (
    <>
      <SectionTitle caption={`A = ${MODEL_LABELS[a]}, B = ${MODEL_LABELS[b]}. Credited orders (fractional for multi-touch models) and revenue per channel; green: B credits the channel more than A.`}>
        {`Revenue per channel: ${MODEL_LABELS[a]} vs ${MODEL_LABELS[b]}`}
      </SectionTitle>
      <DataTable columns={comparisonColumns} rows={rows.length > 0 ? [...rows, total] : []} emptyText="No channel has sessions or orders in this window." />
    </>
  );
}

function ChartSection({ data, a, b, rows }: { data: AttributionData; a: Model; b: Model; rows: ComparisonRow[] }) {
  const chartRows = rows.filter((r) => r.revenueA > 0 || r.revenueB > 0);
  return (
    <View wrap={false}>
      <SectionTitle caption={`${data.lookbackDays}-day lookback; channels with revenue under either model, in the order of the table.`}>Credited revenue per channel</SectionTitle>
      <GroupedHorizontalBarChart
        data={chartRows.map((r) => ({ label: r.channel, values: [r.revenueA, r.revenueB] }))}
        series={[{ name: `A: ${MODEL_LABELS[a]}`, color: COLOR_A }, { name: `B: ${MODEL_LABELS[b]}`, color: COLOR_B }]}
        format={(v) => formatCurrency(v, 0)}
        barHeight={7}
      />
    </View>
  );
}

type Path = NonNullable<AttributionData["journeys"]>["paths"][number];
const pathColumns: Column<Path>[] = [
  { header: "Path (channels in order)", width: 5, value: (p) => p.path.split(" > ").join("  ->  ") },
  { header: "Touches", width: 0.8, align: "right", value: (p) => formatInt(p.touches) },
  { header: "Orders", width: 0.8, align: "right", value: (p) => formatInt(p.orders) },
  { header: "Revenue", width: 1.3, align: "right", value: (p) => formatCurrency(p.revenue) },
  { header: "Days", width: 0.7, align: "right", value: (p) => formatDecimal(p.avgDaysToConversion, 1) },
];

type NonConverting = NonNullable<AttributionData["journeys"]>["nonConvertingPaths"][number];
const nonConvertingColumns: Column<NonConverting>[] = [
  { header: "Path (channels in order)", width: 5, value: (p) => p.path.split(" > ").join("  ->  ") },
  { header: "Touches", width: 0.8, align: "right", value: (p) => formatInt(p.touches) },
  { header: "Visitors", width: 0.9, align: "right", value: (p) => formatInt(p.clients) },
];

function JourneysSection({ data }: { data: AttributionData }) {
  const j = data.journeys;
  if (!j) return <Callout tone="warning" title="No journey statistics">{`This run has no journey statistics for the ${data.lookbackDays}-day window.`}</Callout>;
  const single = data.totals.orders > 0 ? j.singleSessionOrders / data.totals.orders : null;
  return (
    <>
      <View wrap={false}>
        <SectionTitle caption={`Orders by time from the first session in the ${data.lookbackDays}-day window to the purchase.`}>Time to purchase</SectionTitle>
        <KpiRow
          items={[
            { label: "Median time to purchase", value: j.medianHoursToPurchase === null ? "-" : formatMinutes(j.medianHoursToPurchase * 60), tone: "neutral" },
            { label: "Single-session orders", value: formatPercent(single), hint: `${formatInt(j.singleSessionOrders)} of ${formatInt(data.totals.orders)} orders`, tone: "neutral" },
            { label: "Unattributed orders", value: formatInt(j.unattributedOrders), hint: "no client id or no session in the window", tone: j.unattributedOrders > 0 ? "warning" : "neutral" },
          ]}
        />
        <Figure title="Orders by time to purchase">
          <BarChart data={j.timeToPurchase.map((t) => ({ label: t.label, value: t.orders }))} format={formatInt} height={125} />
        </Figure>
      </View>
      <View wrap={false}>
        <SectionTitle caption={`Top ${TOP_PATHS} of ${formatInt(j.paths.length)} paths by orders; a channel repeated in a row counts once; days: mean from the first touch to the purchase.`}>Conversion paths</SectionTitle>
        <DataTable columns={pathColumns} rows={j.paths.slice(0, TOP_PATHS)} emptyText="No attributed orders in this window." />
      </View>
      {j.nonConvertingPaths && j.nonConvertingPaths.length > 0 ? (
        <View wrap={false}>
          <SectionTitle caption={`The ${Math.min(TOP_PATHS, j.nonConvertingPaths.length)} most common paths of the ${formatInt(j.nonConvertingJourneys)} visitors without an order: their sessions in the ${j.lookback_days} days before their last one.`}>Non-converting paths</SectionTitle>
          <DataTable columns={nonConvertingColumns} rows={j.nonConvertingPaths.slice(0, TOP_PATHS)} />
        </View>
      ) : null}
    </>
  );
}

function cohortColumns(keyHeader: string, shown: readonly number[]): Column<CohortRow>[] {
  const windows = shown.flatMap((days): Column<CohortRow>[] => {
    const w = (r: CohortRow) => r.windows.find((x) => x.days === days)!;
    return [
      { header: `Repeat ${days} d`, width: 0.9, align: "right", value: (r) => (w(r).repeatRate === null ? NOT_YET : formatPercent(w(r).repeatRate, 1)) },
      { header: `Rev. / cust. ${days} d`, width: 1, align: "right", value: (r) => (w(r).revenuePerCustomer === null ? NOT_YET : formatCurrency(w(r).revenuePerCustomer, 0)) },
    ];
  });
  return [{ header: keyHeader, width: 1.8, bold: true, value: (r) => r.key }, { header: "Customers", width: 0.9, align: "right", value: (r) => formatInt(r.customers) }, ...windows];
}

/** The page's cohorts panel: customers by first-touch channel and by week of first purchase, per device or per person. */
function CohortsSection({ cohorts, asked }: { cohorts: CohortView; asked: "device" | "person" }) {
  const view = cohorts.identity === "person" ? "per person" : "per device";
  const { shown, hidden } = shownWindows(cohorts);
  const notYet = hidden.length > 0 ? ` ${hidden.map((d) => `${d} days`).join(" and ")}: not observable yet (no first purchase is that long before the data ends).` : "";
  return (
    <>
      <SectionTitle caption={`Repeat purchases and revenue per customer (the first order included) 7, 14 and 30 days after the first purchase, ${view}. A window counts only customers whose first purchase is at least that many days before the data ends (${cohorts.lastDay ?? "its last day"}); "${NOT_YET}" means none is observable yet, not that nobody came back.${notYet}`}>{`Customer cohorts, ${view}`}</SectionTitle>
      <Paragraph muted>{`${formatInt(cohorts.customers)} customers ${view}. ${cohortIdentityText(cohorts, asked)}`}</Paragraph>
      {cohorts.customers === 0 ? (
        <Paragraph>No customer with a client id yet.</Paragraph>
      ) : (
        <>
          <View wrap={false}>
            <SectionTitle keepWithNext={60}>By first-touch channel</SectionTitle>
            <DataTable columns={cohortColumns("First-touch channel", shown)} rows={cohorts.byChannel} />
          </View>
          <SectionTitle keepWithNext={60}>By week of first purchase</SectionTitle>
          <DataTable columns={cohortColumns("Week of first purchase", shown)} rows={cohorts.byWeek} />
        </>
      )}
    </>
  );
}

type Rule = AttributionData["channelRules"][number] & { index: number };
const ruleColumns: Column<Rule>[] = [
  { header: "#", width: 0.35, align: "right", value: (r) => String(r.index) },
  { header: "Channel", width: 1.3, bold: true, value: (r) => r.channel },
  { header: "Rule", width: 7, value: (r) => r.description },
];

function RulesSection({ data }: { data: AttributionData }) {
  return (
    <>
      <SectionTitle caption="Each session gets the channel of the first rule that matches its landing page and referrer (first match wins).">Channel rules</SectionTitle>
      <DataTable columns={ruleColumns} rows={data.channelRules.map((r, i) => ({ ...r, index: i + 1 }))} fontSize={7} />
      <Paragraph muted size={7.5}>
        Parameter values and third-party referrer hosts are hashed in the exports (utm_medium=AE24AC is cpc, source-afb1343a.com is duckduckgo.com); every rule recognises both the plain and the hashed form.
      </Paragraph>
    </>
  );
}
