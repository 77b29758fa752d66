import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import { deviceGapText, segmentLabel } from "@/lib/views/executive-shape";

type Segment = ExecutiveSummary["devices"][number];

/** Sessions, orders, conversion rate and revenue per segment (device, or new vs returning). */
export function SegmentTable({ rows, label, testId }: { rows: Segment[]; label: string; testId: string }) {
  if (rows.length === 0) return <p className="muted small">No sessions in this period.</p>;
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">Sessions</th>
          <th className="num">Orders</th>
          <th className="num">Conversion</th>
          <th className="num">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.segment} data-segment={r.segment}>
            <td>{segmentLabel(r.segment)}</td>
            <td className="num">{formatInt(r.sessions)}</td>
            <td className="num">{formatInt(r.orders)}</td>
            <td className="num">{formatPercent(r.conversionRate, 2)}</td>
            <td className="num">{formatCurrency(r.revenue, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DevicePanel({ devices, gap }: { devices: Segment[]; gap: number | null }) {
  return (
    <section id="devices" className="panel">
      <h2>
        Devices <span className="hint">conversion = orders / sessions</span>
      </h2>
      <SegmentTable rows={devices} label="Device" testId="device-table" />
      <p className="small" data-testid="device-gap" style={{ margin: "10px 0 0" }}>
        <b>Mobile–desktop gap:</b> {deviceGapText(gap)}
      </p>
    </section>
  );
}

export function VisitorPanel({ rows }: { rows: Segment[] }) {
  return (
    <section id="segments" className="panel">
      <h2>
        New vs returning visitors <span className="hint">returning: seen in an earlier session</span>
      </h2>
      <SegmentTable rows={rows} label="Visitor" testId="visitor-table" />
    </section>
  );
}
