/**
 * The monitoring report as a PDF: the overall verdict, every check by priority (status, value,
 * threshold, explanation), one line chart per daily metric with its expected band and flagged days,
 * how anomalies are scored, and the run history. Runs in route handlers and in command-line scripts
 * alike (no "server-only": tests render it directly).
 */
import { Fragment } from "react";
import type { MonitoringData } from "@/lib/db/queries/monitoring";
import type { Status } from "@/lib/pipeline/anomaly";
import { formatAxis, formatMetric, groupChecks, shapeCharts, summarize, type CheckGroup, type CheckRow, type MetricChart, type PointStatus } from "@/lib/views/monitoring-shape";
import { formatDateTime, formatDayShort, formatInt } from "./format";
import {
  Badge, CONTENT_WIDTH, Callout, DataTable, Figure, KEEP_WITH_NEXT, KpiRow, LineChart, Paragraph, ReportDocument, SectionTitle,
  Text, View, palette, renderPdf, type Column, type LineSeries, type Tone,
} from "./pdf-kit";

export interface MonitoringPdfOptions {
  /** Shown in the footer; defaults to now. */
  generatedAt?: Date;
  /** A line under the subtitle qualifying every figure (lib/views/robots.ts). */
  note?: string | null;
}

export async function renderMonitoringPdf(data: MonitoringData, options: MonitoringPdfOptions = {}): Promise<Buffer> {
  return renderPdf(<MonitoringReportPdf data={data} generatedAt={options.generatedAt ?? new Date()} note={options.note ?? null} />);
}

const TONE: Record<PointStatus, Tone> = { PASS: "success", WARNING: "warning", CRITICAL: "critical", NOT_SCORED: "neutral" };
const VERDICT: Record<Status, string> = {
  PASS: "Today's numbers can be trusted.",
  WARNING: "Usable, with caveats: read the warnings before sharing numbers.",
  CRITICAL: "Do not trust today's numbers until the critical checks are resolved.",
};
const CHART_GAP = 11;
const CHART_WIDTH = (CONTENT_WIDTH.portrait - CHART_GAP) / 2;
/** Height of a row of two metric charts with their titles and captions (points). */
const CHART_ROW = 200;

function StatusBadge({ status }: { status: PointStatus }) {
  return <Badge label={status === "NOT_SCORED" ? "not scored" : status} tone={TONE[status]} />;
}

function MonitoringReportPdf({ data, generatedAt, note }: { data: MonitoringData; generatedAt: Date; note: string | null }) {
  const { report } = data;
  const subtitle = [`Run #${data.runId}`, `loaded ${formatDateTime(data.createdAt)}`, `evaluated ${formatDateTime(report.evaluatedAt)}`].join("  ·  ");
  return (
    <ReportDocument meta={{ title: "Monitoring report", subtitle, runId: data.runId, generatedAt, note }}>
      <Overview data={data} />
      <ChecksSection groups={groupChecks(report.checks)} />
      <ChartsSection charts={shapeCharts(report)} minPoints={report.options.minPoints} recentDays={report.options.recentDays} />
      <MethodSection data={data} />
      <HistorySection data={data} />
    </ReportDocument>
  );
}

function Overview({ data }: { data: MonitoringData }) {
  const { report } = data;
  const summary = summarize(report.checks);
  return (
    <>
      <SectionTitle caption="Can today's numbers be trusted? The worst status of all checks.">Overall status</SectionTitle>
      <Callout tone={TONE[summary.status]} title={`${summary.status}: ${summary.text}`}>
        <Text style={{ fontSize: 9.5 }}>{VERDICT[summary.status]}</Text>
        {summary.failing.length > 0 ? <Text style={{ fontSize: 8, color: palette.muted, marginTop: 2 }}>{`Not passing: ${summary.failing.join(", ")}.`}</Text> : null}
      </Callout>
      <KpiRow
        items={[
          { label: "Overall", value: summary.status, tone: TONE[summary.status] },
          { label: "Critical", value: formatInt(summary.critical), tone: summary.critical > 0 ? "critical" : "neutral" },
          { label: "Warnings", value: formatInt(summary.warning), tone: summary.warning > 0 ? "warning" : "neutral" },
          { label: "Passing", value: `${formatInt(summary.pass)} of ${formatInt(summary.total)}`, tone: "success" },
          { label: "Newest event", value: report.newestEventTs === null ? "none" : formatDateTime(report.newestEventTs).slice(0, 10), hint: formatDateTime(report.newestEventTs), tone: "neutral" },
        ]}
      />
    </>
  );
}

const checkColumns: Column<CheckRow>[] = [
  { header: "Status", width: 1.35, value: (c) => <StatusBadge status={c.status} /> },
  { header: "Check", width: 2.1, bold: true, value: (c) => c.name },
  { header: "Value", width: 1.25, align: "right", value: (c) => c.value, color: (c) => (c.status === "PASS" ? undefined : palette[c.status === "CRITICAL" ? "critical" : "warning"]) },
  { header: "Threshold", width: 2.4, value: (c) => c.threshold, color: () => palette.muted },
  { header: "Explanation", width: 4.2, value: (c) => c.explanation },
];

/** Sections are fragments and each priority's heading a sibling of its table, so headings can move to the next page with what they introduce. */
function ChecksSection({ groups }: { groups: CheckGroup[] }) {
  return (
    <>
      <SectionTitle caption="P0: can the numbers be trusted at all; P1: volumes and data quality; P2: business metrics. Anomaly checks show the strongest recent z-score.">
        Checks by priority
      </SectionTitle>
      {groups.length === 0 ? <Paragraph muted>No checks were evaluated for this run.</Paragraph> : null}
      {groups.map((g) => (
        <Fragment key={g.priority}>
          <View minPresenceAhead={KEEP_WITH_NEXT} wrap={false} style={{ flexDirection: "row", alignItems: "center", marginTop: 6, marginBottom: 2 }}>
            <Badge label={g.priority} tone="accent" />
            <Text style={{ fontFamily: "Helvetica-Bold", fontSize: 10, marginLeft: 6, marginRight: 6 }}>{g.title}</Text>
            <StatusBadge status={g.status} />
          </View>
          <DataTable columns={checkColumns} rows={g.checks} fontSize={7} />
        </Fragment>
      ))}
    </>
  );
}

function flaggedCaption(chart: MetricChart, minPoints: number): string {
  const flagged = chart.flagged.length ? `flagged ${chart.flagged.map((f) => `${formatDayShort(f.day)} (${f.status.toLowerCase()})`).join(", ")}` : "no flagged days";
  const notScored = chart.notScoredDays > 0 ? `; ${chart.notScoredDays} of ${chart.points.length} days not scored (need ${minPoints} earlier days)` : "";
  return `${chart.priority} · ${flagged}${notScored}`;
}

function MetricFigure({ chart, minPoints }: { chart: MetricChart; minPoints: number }) {
  const values = (key: "value" | "expected" | "critical" | "warning") => chart.points.map((p) => p[key]);
  const series: LineSeries[] = [
    { name: "value", values: values("value"), color: palette.accent },
    { name: "expected", values: values("expected"), color: palette.muted, dashed: true },
  ];
  if (chart.points.some((p) => p.warning !== null)) series.push({ name: "warning day", values: values("warning"), color: palette.warning });
  if (chart.points.some((p) => p.critical !== null)) series.push({ name: "critical day", values: values("critical"), color: palette.critical });
  const worst = chart.points.reduce<{ i: number; z: number } | null>((best, p, i) => (p.status !== "PASS" && p.status !== "NOT_SCORED" && p.z !== null && (!best || Math.abs(p.z) > best.z) ? { i, z: Math.abs(p.z) } : best), null);
  const worstPoint = worst ? chart.points[worst.i] : undefined;
  return (
    <View style={{ width: CHART_WIDTH }}>
      <Figure title={`${chart.label}  ·  ${chart.status}`} caption={flaggedCaption(chart, minPoints)}>
        <LineChart
          labels={chart.points.map((p) => p.label)}
          series={series}
          band={{ lower: chart.points.map((p) => p.band?.[0] ?? null), upper: chart.points.map((p) => p.band?.[1] ?? null), label: "band" }}
          width={CHART_WIDTH}
          height={150}
          yMin={0}
          format={(v) => formatMetric(v, chart.unit)}
          axisFormat={(v) => formatAxis(v, chart.unit)}
          marker={worst && worstPoint ? { at: worst.i, label: `${worstPoint.label} z ${worst.z.toFixed(1)}`, color: worstPoint.status === "CRITICAL" ? palette.critical : palette.warning } : undefined}
        />
      </Figure>
    </View>
  );
}

function pairs<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}

function ChartsSection({ charts, minPoints, recentDays }: { charts: MetricChart[]; minPoints: number; recentDays: number }) {
  return (
    <>
      <SectionTitle
        keepWithNext={CHART_ROW}
        caption={`Daily value against the expected value (dashed) and its band (expected ± 3 standard deviations). Red / amber: days flagged critical / warning; the dashed marker is the strongest. Only the newest ${recentDays} days set a check's status.`}
      >
        Daily metrics
      </SectionTitle>
      {charts.length === 0 ? <Paragraph muted>No daily series were scored in this run.</Paragraph> : null}
      {pairs(charts).map((row) => (
        // One unbreakable row per pair of charts: react-pdf splits a wrapping flex row (or a row of
        // unbreakable figures) across pages badly, and `break` before this section made it loop.
        <View key={row.map((c) => c.metric).join("-")} wrap={false} style={{ flexDirection: "row", justifyContent: "space-between" }}>
          {row.map((c) => (
            <MetricFigure key={c.metric} chart={c} minPoints={minPoints} />
          ))}
        </View>
      ))}
    </>
  );
}

function MethodSection({ data }: { data: MonitoringData }) {
  const o = data.report.options;
  return (
    <View wrap={false}>
      <SectionTitle>How anomalies are scored</SectionTitle>
      <Paragraph size={8}>
        {`Each day is compared with the ${o.window} earlier days only (at least ${o.minPoints} needed; earlier days are "not scored"). With three weeks of data or more, a day is compared with the same weekday of earlier weeks instead. z = (value - expected) / standard deviation: |z| > 3 is a warning, |z| > 4 critical, in the metric's alarming direction only and only when the change is also material (a minimum relative or absolute change). Flagged days are left out of later training windows. Only the newest ${o.recentDays} days set a check's status, so an old, known incident does not keep the board red. Freshness: warning beyond ${o.freshnessWarnHours} h, critical beyond ${o.freshnessCriticalHours} h, measured when the report is made.`}
      </Paragraph>
    </View>
  );
}

type HistoryRow = MonitoringData["history"][number];

function HistorySection({ data }: { data: MonitoringData }) {
  const columns: Column<HistoryRow>[] = [
    { header: "Run", width: 0.8, bold: true, value: (h) => `#${h.runId}${h.runId === data.runId ? " (current)" : ""}` },
    { header: "Loaded at", width: 1.6, value: (h) => formatDateTime(h.createdAt) },
    { header: "Trigger", width: 1, value: (h) => h.trigger },
    { header: "Input rows", width: 1, align: "right", value: (h) => formatInt(h.inputRows) },
    { header: "Status at run time", width: 1.3, value: (h) => (h.status ? <StatusBadge status={h.status} /> : "not monitored"), color: () => palette.muted },
  ];
  return (
    <>
      <SectionTitle caption="Past successful runs, newest first, with the monitoring status each had when it was loaded.">Run history</SectionTitle>
      <DataTable columns={columns} rows={data.history} emptyText="No earlier runs." />
    </>
  );
}
