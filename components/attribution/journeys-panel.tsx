import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import { DataTable, type Column } from "@/components/ui/data-table";
import { csvDecimal, csvMoney, csvNumber } from "@/components/ui/table-model";
import type { AttributionData } from "@/lib/db/queries/attribution";
import { formatCurrency, formatDecimal, formatInt, formatMinutes, formatPercent } from "@/lib/reports/format";
import css from "./attribution.module.css";

type JourneyStats = NonNullable<AttributionData["journeys"]>;

const TOP_PATHS = 15;

/** "1–24 hours" → "1–24 h", so every bucket label fits under its bar. */
export function shortBucket(label: string): string {
  return label.replace(/ hours?$/, " h").replace(/ days?$/, " d");
}

type PathRow = JourneyStats["paths"][number];

/** "Paid Search > Direct" → "Paid Search → Direct". */
const pathText = (path: string) => path.split(" > ").join(" → ");

const PATH_COLUMNS: Column<PathRow>[] = [
  { id: "path", header: "Path", cell: (p) => pathText(p.path), sortValue: (p) => pathText(p.path), csv: { header: "Path", value: (p) => pathText(p.path) } },
  { id: "touches", header: "Touches", numeric: true, cell: (p) => formatInt(p.touches), sortValue: (p) => p.touches, csv: { header: "Touches", value: (p) => csvNumber(p.touches, 0) } },
  { id: "orders", header: "Orders", numeric: true, cell: (p) => formatInt(p.orders), sortValue: (p) => p.orders, csv: { header: "Orders", value: (p) => csvNumber(p.orders, 0) } },
  { id: "revenue", header: "Revenue", numeric: true, cell: (p) => formatCurrency(p.revenue), sortValue: (p) => p.revenue, csv: { header: "Revenue (USD)", value: (p) => csvMoney(p.revenue) } },
  { id: "days", header: "Days to convert", numeric: true, cell: (p) => formatDecimal(p.avgDaysToConversion, 1), sortValue: (p) => p.avgDaysToConversion, csv: { header: "Days to convert (mean)", value: (p) => csvDecimal(p.avgDaysToConversion, 1) } },
];

type PositionRow = JourneyStats["positions"][number];
const POSITION_COLUMNS: Column<PositionRow>[] = [
  { id: "channel", header: "Channel", cell: (p) => p.channel, sortValue: (p) => p.channel, csv: { header: "Channel", value: (p) => p.channel } },
  ...(["early", "middle", "late"] as const).map(
    (k): Column<PositionRow> => ({ id: k, header: k[0]!.toUpperCase() + k.slice(1), numeric: true, cell: (p) => formatDecimal(p[k], 1), sortValue: (p) => p[k], csv: { header: `${k[0]!.toUpperCase() + k.slice(1)} (conversions)`, value: (p) => csvDecimal(p[k], 1) } }),
  ),
];

type NonConvertingRow = JourneyStats["nonConvertingPaths"][number];
const NON_CONVERTING_COLUMNS: Column<NonConvertingRow>[] = [
  { id: "path", header: "Path", cell: (p) => pathText(p.path), sortValue: (p) => pathText(p.path), csv: { header: "Path", value: (p) => pathText(p.path) } },
  { id: "touches", header: "Touches", numeric: true, cell: (p) => formatInt(p.touches), sortValue: (p) => p.touches, csv: { header: "Touches", value: (p) => csvNumber(p.touches, 0) } },
  { id: "clients", header: "Visitors", numeric: true, cell: (p) => formatInt(p.clients), sortValue: (p) => p.clients, csv: { header: "Visitors", value: (p) => csvNumber(p.clients, 0) } },
];

/** Where channels sit in converting journeys (GA4's split) and the paths of visitors who did not buy; nothing for a run stored before them. */
export function PathDetails({ journeys, lookback }: { journeys: JourneyStats | null; lookback: number }) {
  if (!journeys?.positions || !journeys.nonConvertingPaths) return null;
  return (
    <div className="grid-2" style={{ marginTop: 18 }}>
      <section className="panel" aria-label="Touchpoint position">
        <h2>
          Touchpoint position <span className="hint">conversions by where the channel&apos;s touches sit: the first quarter of a journey is early, the last quarter late (GA4&apos;s split)</span>
        </h2>
        {journeys.positions.length === 0 ? (
          <p className="muted">No attributed orders in this window.</p>
        ) : (
          <DataTable columns={POSITION_COLUMNS} rows={journeys.positions} rowKey={(p) => p.channel} testId="positions-table" csvLabel="the touchpoint position table" fileName={["attribution", "touch-positions", `${lookback}d`]} />
        )}
        <p className="small muted">A journey of one touch counts it early, middle and late; of two, early and late. Each stage of an order shares one conversion among its touches.</p>
      </section>
      <section className="panel" aria-label="Non-converting paths">
        <h2>
          Non-converting paths <span className="hint">{formatInt(journeys.nonConvertingJourneys)} visitors without an order: their sessions in the {lookback} days before their last one</span>
        </h2>
        {journeys.nonConvertingPaths.length === 0 ? (
          <p className="muted">Every visitor bought.</p>
        ) : (
          <DataTable columns={NON_CONVERTING_COLUMNS} rows={journeys.nonConvertingPaths.slice(0, TOP_PATHS)} rowKey={(p) => p.path} testId="non-converting-paths" csvLabel="the non-converting paths table" fileName={["attribution", "non-converting-paths", `top-${Math.min(TOP_PATHS, journeys.nonConvertingPaths.length)}`, `${lookback}d`]} />
        )}
      </section>
    </div>
  );
}

/** The top paths (what the table shows), sortable, with a CSV of those rows as shown. */
function PathTable({ paths, lookback }: { paths: JourneyStats["paths"]; lookback: number }) {
  if (paths.length === 0) return <p className="muted">No attributed orders in this window.</p>;
  return (
    <DataTable
      columns={PATH_COLUMNS}
      rows={paths.slice(0, TOP_PATHS)}
      rowKey={(p) => p.path}
      testId="paths-table"
      csvLabel="the conversion paths table"
      fileName={["attribution", "paths", `top-${Math.min(TOP_PATHS, paths.length)}`, `${lookback}d`]}
    />
  );
}

/** Conversion paths, time to purchase and unattributed orders of one lookback window. */
export function JourneysPanel({ journeys, totalOrders, lookback }: { journeys: JourneyStats | null; totalOrders: number; lookback: number }) {
  if (!journeys) return <p className="callout warning">Journey statistics are missing for the {lookback}-day window in this run.</p>;
  const single = totalOrders > 0 ? journeys.singleSessionOrders / totalOrders : null;
  const median = journeys.medianHoursToPurchase;
  return (
    <div className="grid-2">
      <section className="panel" aria-label="Time to purchase">
        <h2>
          Time to purchase <span className="hint">from the first touch in the {lookback}-day window</span>
        </h2>
        {totalOrders === 0 ? (
          <p className="muted">No orders in this window.</p>
        ) : (
          <SimpleBarChart title="Orders by time from first touch to purchase" data={journeys.timeToPurchase.map((b) => ({ label: shortBucket(b.label), value: b.orders }))} />
        )}
        <div className={css.facts}>
          <div>
            <b data-testid="median-time-to-purchase">{median === null ? "—" : formatMinutes(median * 60)}</b>
            <span className="muted small">median time to purchase</span>
          </div>
          <div>
            <b data-testid="single-session-share">{formatPercent(single)}</b>
            <span className="muted small">
              of orders in a single session ({formatInt(journeys.singleSessionOrders)} of {formatInt(totalOrders)})
            </span>
          </div>
          <div>
            <b data-testid="unattributed-orders">{formatInt(journeys.unattributedOrders)}</b>
            <span className="muted small">unattributed orders: no client id or no session in the window</span>
          </div>
        </div>
      </section>
      <section className="panel" aria-label="Conversion paths">
        <h2>
          Conversion paths{" "}
          {journeys.paths.length > 0 ? (
            <span className="hint">
              top {Math.min(TOP_PATHS, journeys.paths.length)} of {formatInt(journeys.paths.length)} by orders; channels of the sessions in the window, in order (a channel repeated in a
              row counts once)
            </span>
          ) : null}
        </h2>
        <PathTable paths={journeys.paths} lookback={lookback} />
      </section>
    </div>
  );
}
