/**
 * The data quality report as a PDF: row accounting, per-file quality, daily volume and empty client
 * ids, the session gap distribution behind the 30-minute timeout, findings by severity with example
 * rows, and quarantine reasons. Runs in route handlers and in command-line scripts alike.
 */
import type { RunInfo } from "@/lib/db/queries/current-run";
import type { DataQualityData, FileRow, FindingRow } from "@/lib/db/queries/data-quality";
import type { RunReport } from "@/lib/db/save-run";
import { Fragment } from "react";
import type { Severity } from "@/lib/pipeline/types";
import { FINDING_COUNT_NOTE, groupFindings, severityTotals, severityTotalsText, SEVERITY_ORDER, type FindingGroup } from "@/lib/views/findings";
import { formatDateTime, formatDayShort, formatInt, formatMinutes, formatPercent, toWinAnsi, truncate } from "./format";
import {
  BarChart, breakLongWords, Callout, DataTable, Figure, HorizontalBarChart, KEEP_WITH_NEXT, KpiRow, Paragraph, ReportDocument, SectionTitle, SeverityBadge,
  Text, View, noHyphens, palette, renderPdf, type Column, type Tone,
} from "./pdf-kit";

const SEVERITY_TITLE: Record<Severity, string> = { critical: "Critical", warning: "Warnings", info: "Information" };
const MAX_EXAMPLES = 3;
/** Height of a daily chart with its title and caption (points): the daily section's two start a page together. */
const DAILY_FIGURE = 172;
/** Height of the gap chart with its title (points). */
const GAP_FIGURE = 180;

/** What the report reads: `DataQualityData`, of whose run report only the gap analysis and the daily series. */
export type DataQualityPdfData = Omit<DataQualityData, "run"> & { run: Omit<RunInfo, "report"> & { report: Pick<RunReport, "gaps" | "daily"> } };

export interface DataQualityPdfOptions {
  /** Shown in the footer; defaults to now. */
  generatedAt?: Date;
  /** A line under the subtitle qualifying every figure (lib/views/robots.ts). */
  note?: string | null;
}

export async function renderDataQualityPdf(data: DataQualityPdfData, options: DataQualityPdfOptions = {}): Promise<Buffer> {
  return renderPdf(<DataQualityReport data={data} generatedAt={options.generatedAt ?? new Date()} note={options.note ?? null} />);
}

function scoreTone(score: number): Tone {
  return score < 90 ? "critical" : score < 97 ? "warning" : "success";
}

function dayRange(files: FileRow[], data: DataQualityPdfData): string | null {
  const days = [...files.map((f) => f.day), ...data.run.report.daily.map((d) => d.day)].filter((d): d is string => !!d).sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  return first === last ? first : `${first} to ${last}`;
}

function DataQualityReport({ data, generatedAt, note }: { data: DataQualityPdfData; generatedAt: Date; note: string | null }) {
  const { run, files } = data;
  const range = dayRange(files, data);
  const subtitle = [`Run #${run.id}`, `${formatInt(files.length)} ${files.length === 1 ? "file" : "files"}`, range, `loaded ${formatDateTime(run.createdAt)}`]
    .filter(Boolean)
    .join("  ·  ");
  return (
    <ReportDocument meta={{ title: "Data quality report", subtitle, runId: run.id, generatedAt, note }}>
      <Overview data={data} />
      <FilesSection files={files} scoreRule={data.scoreRule} />
      <DailySection data={data} />
      <GapsSection data={data} />
      <FindingsSection findings={data.findings} />
      <QuarantineSection data={data} />
    </ReportDocument>
  );
}

function Overview({ data }: { data: DataQualityPdfData }) {
  const { run, files, findings } = data;
  const accounted = run.loadedRows + run.quarantinedRows + run.duplicateRows;
  const balanced = accounted === run.inputRows;
  const share = (n: number) => (run.inputRows > 0 ? `${formatPercent(n / run.inputRows, 2)} of input` : undefined);
  // Findings (one per check and file) per severity, each code under its one severity.
  const totals = severityTotals(groupFindings(findings));
  const bySeverity = (s: Severity) => totals.find((t) => t.severity === s)?.findings ?? 0;
  const worst = [...files].sort((a, b) => a.score - b.score)[0];
  const spikes = findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE");
  return (
    <>
      <SectionTitle caption="Every input row is loaded, quarantined or dropped as an exact duplicate.">Row accounting</SectionTitle>
      <Callout tone={balanced ? "success" : "critical"} title={balanced ? "Balanced: every input row is accounted for" : `Not balanced: ${formatInt(Math.abs(run.inputRows - accounted))} rows unaccounted for`}>
        <Text style={{ fontSize: 11 }}>
          {`${formatInt(run.inputRows)} input rows ${balanced ? "=" : "vs"} ${formatInt(run.loadedRows)} loaded + ${formatInt(run.quarantinedRows)} quarantined + ${formatInt(run.duplicateRows)} duplicates${balanced ? "" : ` = ${formatInt(accounted)}`}`}
        </Text>
      </Callout>
      <KpiRow
        items={[
          { label: "Files", value: formatInt(files.length), tone: "neutral" },
          { label: "Input rows", value: formatInt(run.inputRows), tone: "neutral" },
          { label: "Loaded", value: formatInt(run.loadedRows), hint: share(run.loadedRows), tone: "success" },
          { label: "Quarantined", value: formatInt(run.quarantinedRows), hint: share(run.quarantinedRows), tone: run.quarantinedRows > 0 ? "warning" : "neutral" },
          { label: "Duplicates", value: formatInt(run.duplicateRows), hint: share(run.duplicateRows), tone: "neutral" },
        ]}
      />
      <KpiRow
        items={[
          { label: "Critical findings", value: formatInt(bySeverity("critical")), tone: bySeverity("critical") > 0 ? "critical" : "neutral" },
          { label: "Warnings", value: formatInt(bySeverity("warning")), tone: bySeverity("warning") > 0 ? "warning" : "neutral" },
          { label: "Information", value: formatInt(bySeverity("info")), tone: "info" },
          { label: "Lowest file score", value: worst ? worst.score.toFixed(1) : "-", hint: worst ? worst.name : "no files", tone: worst ? scoreTone(worst.score) : "neutral" },
        ]}
      />
      {spikes.length > 0 ? (
        <Callout tone="critical" title={spikes.length === 1 ? "Empty client id spike" : `Empty client id spikes on ${spikes.length} days`}>
          {spikes.map((f) => (
            <Text key={f.id} hyphenationCallback={noHyphens} style={{ fontSize: 9, lineHeight: 1.35 }}>{toWinAnsi(`${f.day ?? f.file ?? "Run"}: ${f.message}`)}</Text>
          ))}
        </Callout>
      ) : null}
    </>
  );
}

const fileColumns: Column<FileRow>[] = [
  { header: "File", width: 2.4, value: (f) => f.name },
  { header: "Day", width: 1.45, value: (f) => f.day ?? "-" },
  { header: "Rows", width: 1, align: "right", value: (f) => formatInt(f.rows) },
  { header: "Header", width: 1.15, value: (f) => f.headerVariant },
  { header: "Missing columns", width: 1.45, value: (f) => (f.missingColumns.length ? f.missingColumns.join(", ") : "none"), color: (f) => (f.missingColumns.length ? palette.critical : palette.muted) },
  { header: "Empty client id", width: 1.2, align: "right", value: (f) => formatPercent(f.nullClientIdRate, 2) },
  { header: "Null referrer", width: 1.1, align: "right", value: (f) => (f.nullReferrerRate == null ? "no column" : formatPercent(f.nullReferrerRate, 1)) },
  { header: "Quarantined", width: 1.3, align: "right", value: (f) => formatInt(f.quarantinedRows), color: (f) => (f.quarantinedRows > 0 ? palette.warning : undefined) },
  { header: "Duplicates", width: 1.15, align: "right", value: (f) => formatInt(f.duplicateRows) },
  { header: "Score", width: 0.85, align: "right", bold: true, value: (f) => f.score.toFixed(1), color: (f) => (scoreTone(f.score) === "success" ? palette.ink : palette[scoreTone(f.score) === "critical" ? "critical" : "warning"]) },
];

function FilesSection({ files, scoreRule }: { files: FileRow[]; scoreRule: string }) {
  return (
    <>
      <SectionTitle caption="One row per input file, in day order. Rates are shares of the file's loaded rows.">Files</SectionTitle>
      <DataTable columns={fileColumns} rows={files} emptyText="No files in this run." fontSize={7} />
      <Paragraph muted size={7.5}>{`Score rule. ${scoreRule}`}</Paragraph>
    </>
  );
}

function DailySection({ data }: { data: DataQualityPdfData }) {
  const daily = data.run.report.daily;
  const spikeDays = new Set(data.findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE" && f.day).map((f) => f.day));
  const pct = (v: number) => formatPercent(v, 1);
  return (
    <>
      <SectionTitle keepWithNext={2 * DAILY_FIGURE} caption="Loaded events per event date (not per file), from the run's daily series.">Daily volume and completeness</SectionTitle>
      <Figure title="Loaded events per day">
        <BarChart data={daily.map((d) => ({ label: formatDayShort(d.day), value: d.events }))} format={formatInt} height={140} />
      </Figure>
      <Figure
        title="Empty client id rate per day"
        caption={spikeDays.size > 0 ? "Red bars: days flagged NULL_CLIENT_ID_SPIKE (sessions and attribution undercounted)." : "Share of loaded events without a client id; these cannot be sessionized or attributed."}
      >
        <BarChart
          data={daily.map((d) => ({ label: formatDayShort(d.day), value: d.nullClientIdRate, color: spikeDays.has(d.day) ? palette.critical : palette.info }))}
          format={pct}
          axisFormat={(v) => formatPercent(v, 0)}
          height={140}
        />
      </Figure>
    </>
  );
}

function GapsSection({ data }: { data: DataQualityPdfData }) {
  const gaps = data.run.report.gaps;
  const cutIndex = gaps.buckets.findIndex((b) => b.maxMinutes === gaps.timeoutMinutes);
  const timeoutShare = gaps.shareUnder.find((s) => s.minutes === gaps.timeoutMinutes)?.share ?? null;
  const shareColumns: Column<{ minutes: number; share: number }>[] = [
    { header: "Gap up to", width: 1.3, value: (s) => `${s.minutes} min${s.minutes === gaps.timeoutMinutes ? "  (timeout)" : ""}`, bold: false },
    { header: "Share of gaps", width: 1, align: "right", value: (s) => formatPercent(s.share, 1) },
    { header: "Gaps", width: 1, align: "right", value: (s) => formatInt(Math.round(s.share * gaps.gaps)) },
  ];
  return (
    <>
      <SectionTitle keepWithNext={GAP_FIGURE} caption="Minutes between a client's consecutive events; a gap longer than the timeout starts a new session.">Session gap distribution</SectionTitle>
      <Figure title={`Gaps between consecutive events (${formatInt(gaps.gaps)} gaps)`}>
        <BarChart
          data={gaps.buckets.map((b, i) => ({ label: b.label, value: b.count, color: cutIndex >= 0 && i > cutIndex ? palette.faint : palette.accent }))}
          format={formatInt}
          height={150}
          marker={cutIndex >= 0 ? { at: cutIndex + 0.5, label: `${gaps.timeoutMinutes}-minute session cut` } : undefined}
        />
      </Figure>
      <View wrap={false} style={{ flexDirection: "row", marginTop: 4 }}>
        <View style={{ width: "48%" }}>
          <DataTable columns={shareColumns} rows={gaps.shareUnder} emptyText="No gaps measured." />
        </View>
        <View style={{ width: "48%", marginLeft: "4%" }}>
          <Callout tone="accent" title={`Why ${gaps.timeoutMinutes} minutes`}>
            {gaps.gaps === 0
              ? "No client has two or more events, so no gap could be measured."
              : `${formatPercent(timeoutShare, 1)} of gaps fall within ${gaps.timeoutMinutes} minutes; the median gap is ${formatMinutes(gaps.medianMinutes)} and the 90th percentile ${formatMinutes(gaps.p90Minutes)}. Beyond the cut the distribution flattens: longer gaps are returning visits, not pauses within one visit.`}
          </Callout>
        </View>
      </View>
    </>
  );
}

function FindingCell({ finding }: { finding: FindingRow }) {
  const examples = finding.examples.slice(0, MAX_EXAMPLES);
  return (
    <View>
      <Text hyphenationCallback={noHyphens} style={{ fontSize: 7.5 }}>{toWinAnsi(finding.message)}</Text>
      {examples.map((e, i) => (
        <Text key={i} hyphenationCallback={breakLongWords} style={{ fontSize: 6.5, color: palette.muted, marginTop: 1.5 }}>
          {toWinAnsi(`${e.file}:${e.line}  ${truncate(e.value.replace(/\s+/g, " "), 100)}`)}
        </Text>
      ))}
      {finding.examples.length > MAX_EXAMPLES ? <Text style={{ fontSize: 6.5, color: palette.faint }}>{`+ ${finding.examples.length - MAX_EXAMPLES} more examples`}</Text> : null}
    </View>
  );
}

const findingColumns: Column<FindingRow>[] = [
  // Wide enough for the longest code (TIMESTAMP_OUTSIDE_PARTITION) in bold.
  { header: "Code", width: 2.9, bold: true, value: (f) => f.code },
  {
    header: "File / day",
    width: 1.8,
    value: (f) => (
      <View>
        <Text style={{ fontSize: 7 }}>{toWinAnsi(f.file ?? "whole run")}</Text>
        {f.day ? <Text style={{ fontSize: 6.5, color: palette.muted }}>{f.day}</Text> : null}
      </View>
    ),
  },
  { header: "Count", width: 0.8, align: "right", value: (f) => formatInt(f.count) },
  { header: "Message and example rows (file:line value)", width: 4.5, value: (f) => <FindingCell finding={f} /> },
];

const groupColumns: Column<FindingGroup<FindingRow>>[] = [
  { header: "Code", width: 2.9, bold: true, value: (g) => g.code },
  { header: "Severity", width: 0.8, value: (g) => g.severity, color: (g) => (g.severity === "critical" ? palette.critical : g.severity === "warning" ? palette.warning : palette.muted) },
  { header: "Totals over the code's files", width: 6.3, value: (g) => g.sentence },
];

function FindingsSection({ findings }: { findings: FindingRow[] }) {
  const groups = groupFindings(findings);
  const totals = severityTotals(groups);
  return (
    <>
      <SectionTitle caption="One line per code, with its totals over its files; then every finding (one per check and file) by severity, with up to three example rows each.">
        Findings
      </SectionTitle>
      {findings.length === 0 ? <Callout tone="success" title="No findings">Every check passed on every file of this run.</Callout> : null}
      {findings.length === 0 ? null : (
        <>
          <DataTable columns={groupColumns} rows={groups} />
          <Paragraph muted size={7.5}>{FINDING_COUNT_NOTE}</Paragraph>
        </>
      )}
      {findings.length === 0
        ? null
        : SEVERITY_ORDER.map((severity) => {
            const of = groups.filter((g) => g.severity === severity);
            const t = totals.find((x) => x.severity === severity)!;
            // The heading and its table are siblings on the page (not wrapped in a View), so the
            // heading can move to the next page with the table's header and first row.
            return (
              <Fragment key={severity}>
                <View minPresenceAhead={KEEP_WITH_NEXT} wrap={false} style={{ flexDirection: "row", alignItems: "center", marginTop: 8, marginBottom: 2 }}>
                  <SeverityBadge severity={severity} />
                  <Text style={{ fontFamily: "Helvetica-Bold", fontSize: 10, marginLeft: 6 }}>{SEVERITY_TITLE[severity]}</Text>
                  <Text style={{ fontSize: 8, color: palette.muted, marginLeft: 6 }}>{severityTotalsText(t)}</Text>
                </View>
                {of.length === 0 ? (
                  <Text style={{ fontSize: 8, color: palette.muted, marginBottom: 4 }}>{`No ${severity} findings.`}</Text>
                ) : (
                  <DataTable columns={findingColumns} rows={of.flatMap((g) => g.findings)} />
                )}
              </Fragment>
            );
          })}
    </>
  );
}

function QuarantineSection({ data }: { data: DataQualityPdfData }) {
  const reasons = data.quarantineByReason;
  const total = reasons.reduce((sum, r) => sum + r.count, 0);
  return (
    <View wrap={false}>
      <SectionTitle caption="Rows kept out of the loaded events, by the first reason that rejected them.">Quarantined rows by reason</SectionTitle>
      {reasons.length === 0 ? (
        <Paragraph muted>No rows were quarantined.</Paragraph>
      ) : (
        <View>
          <HorizontalBarChart data={reasons.map((r) => ({ label: r.reason, value: r.count, color: palette.warning }))} format={formatInt} />
          <Paragraph muted size={7.5}>{`${formatInt(total)} quarantined rows in total; each is stored with its file, line, reason and original values.`}</Paragraph>
        </View>
      )}
    </View>
  );
}
