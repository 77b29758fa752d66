import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney, csvNumber, csvPercent } from "@/components/ui/table-model";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import { deviceGapText, segmentLabel } from "@/lib/views/executive-shape";
import { withFilters } from "@/lib/views/url-filters";

type Segment = ExecutiveSummary["devices"][number];
type Period = { from: string; to: string };

function segmentColumns(label: string, drill?: (r: Segment) => string): Column<Segment>[] {
  const name = (r: Segment) => segmentLabel(r.segment);
  return [
    { id: "segment", header: label, cell: (r) => (drill ? <Link href={drill(r)} title={`${name(r)} on the Traffic page`}>{name(r)}</Link> : name(r)), sortValue: name, csv: { header: label, value: name } },
    { id: "sessions", header: "Sessions", numeric: true, cell: (r) => formatInt(r.sessions), sortValue: (r) => r.sessions, csv: { header: "Sessions", value: (r) => csvNumber(r.sessions, 0) } },
    { id: "orders", header: "Orders", numeric: true, cell: (r) => formatInt(r.orders), sortValue: (r) => r.orders, csv: { header: "Orders", value: (r) => csvNumber(r.orders, 0) } },
    { id: "conversion", header: "Conversion", numeric: true, cell: (r) => formatPercent(r.conversionRate, 2), sortValue: (r) => r.conversionRate, csv: { header: "Conversion (%)", value: (r) => csvPercent(r.conversionRate) } },
    { id: "revenue", header: "Revenue", numeric: true, cell: (r) => formatCurrency(r.revenue, 0), sortValue: (r) => r.revenue, csv: { header: "Revenue (USD)", value: (r) => csvMoney(r.revenue) } },
  ];
}

/** Sessions, orders, conversion rate and revenue per segment (device, or new vs returning); sortable, with a CSV of the rows as shown. */
export function SegmentTable({ rows, label, testId, period, table, drill }: { rows: Segment[]; label: string; testId: string; period: Period; table: string; drill?: (r: Segment) => string }) {
  if (rows.length === 0) return <p className="muted small">No sessions in this period.</p>;
  return (
    <DataTable
      columns={segmentColumns(label, drill)}
      rows={rows}
      rowKey={(r) => r.segment}
      rowProps={(r) => ({ "data-segment": r.segment })}
      testId={testId}
      csvLabel={`the ${table} table`}
      fileName={["executive", table, period.from, "to", period.to]}
    />
  );
}

export function DevicePanel({ devices, gap, period }: { devices: Segment[]; gap: number | null; period: Period }) {
  return (
    <section id="devices" className="panel">
      <h2>
        Devices <span className="hint">conversion = orders / sessions</span>
      </h2>
      <SegmentTable rows={devices} label="Device" testId="device-table" period={period} table="devices" drill={(r) => withFilters("/traffic", { period: "custom", from: period.from, to: period.to, device: r.segment })} />
      <p className="small" data-testid="device-gap" style={{ margin: "10px 0 0" }}>
        <b>Mobile–desktop gap:</b> {deviceGapText(gap)}
      </p>
    </section>
  );
}

export function VisitorPanel({ rows, period, perPerson = false }: { rows: Segment[]; period: Period; perPerson?: boolean }) {
  return (
    <section id="segments" className="panel">
      <h2>
        New vs returning visitors <span className="hint">{perPerson ? "per person: returning when seen in an earlier session on any of their devices" : "returning: seen in an earlier session"}</span>
      </h2>
      <SegmentTable rows={rows} label="Visitor" testId="visitor-table" period={period} table="new vs returning visitors" />
    </section>
  );
}
