import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney, csvNumber } from "@/components/ui/table-model";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatInt } from "@/lib/reports/format";
import { productRevenueNotes } from "@/lib/views/executive-shape";
import css from "./executive.module.css";

type Product = ExecutiveSummary["topProducts"][number];

const COLUMNS: Column<Product>[] = [
  { id: "name", header: "Product", cell: (p) => p.name, sortValue: (p) => p.name, csv: { header: "Product", value: (p) => p.name } },
  { id: "units", header: "Units", numeric: true, cell: (p) => formatInt(p.units), sortValue: (p) => p.units, csv: { header: "Units", value: (p) => csvNumber(p.units, 0) } },
  { id: "orders", header: "Orders", numeric: true, cell: (p) => formatInt(p.orders), sortValue: (p) => p.orders, csv: { header: "Orders", value: (p) => csvNumber(p.orders, 0) } },
  {
    id: "revenue",
    header: "Revenue",
    numeric: true,
    cell: (p) => (
      <>
        {formatCurrency(p.revenue, 0)}
        {p.estimated > 0 ? (
          // "of which $1,234 estimated": one line, wrapping before "estimated" on a phone rather than widening the table.
          <span className={`muted small ${css.estimate}`}>
            <span style={{ whiteSpace: "nowrap" }}>of which {formatCurrency(p.estimated, 0)}</span> <span style={{ whiteSpace: "nowrap" }}>estimated</span>
          </span>
        ) : null}
      </>
    ),
    tdProps: (p) => ({ "data-estimated": p.estimated > 0 ? "true" : undefined }),
    sortValue: (p) => p.revenue,
    csv: [
      { header: "Revenue (USD)", value: (p) => csvMoney(p.revenue) },
      // Shown only when part of the revenue is estimated (items without a price).
      { header: "Of which estimated (USD)", value: (p) => (p.estimated > 0 ? csvMoney(p.estimated) : null) },
    ],
  },
];

/**
 * The best-selling products of the period by product revenue, with units sold and orders; the
 * estimated part of a product's revenue (items without a price) beside it, and below the table
 * what share of order revenue product revenue covers. Sortable, with a CSV of the rows as shown.
 */
export function TopProducts({ products, productRevenue, period }: { products: ExecutiveSummary["topProducts"]; productRevenue: ExecutiveSummary["productRevenue"]; period: { from: string; to: string } }) {
  if (products.length === 0) return <p className="muted small">No products sold in this period.</p>;
  const notes = productRevenueNotes(productRevenue);
  return (
    <>
      <DataTable
        columns={COLUMNS}
        rows={products}
        rowKey={(p) => p.name}
        testId="top-products"
        csvLabel="the top products table"
        fileName={["executive", "top products", period.from, "to", period.to]}
      />
      {notes.length > 0 ? (
        <p className="muted small" data-testid="product-revenue-note" style={{ margin: "10px 0 0", lineHeight: 1.45 }}>
          {notes.join(" ")}
        </p>
      ) : null}
    </>
  );
}
