import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatInt } from "@/lib/reports/format";
import { productRevenueNotes } from "@/lib/views/executive-shape";
import css from "./executive.module.css";

/**
 * The best-selling products of the period by product revenue, with units sold and orders; the
 * estimated part of a product's revenue (items without a price) beside it, and below the table
 * what share of order revenue product revenue covers.
 */
export function TopProducts({ products, productRevenue }: { products: ExecutiveSummary["topProducts"]; productRevenue: ExecutiveSummary["productRevenue"] }) {
  if (products.length === 0) return <p className="muted small">No products sold in this period.</p>;
  const notes = productRevenueNotes(productRevenue);
  return (
    <>
      <table className="data" data-testid="top-products">
        <thead>
          <tr>
            <th>Product</th>
            <th className="num">Units</th>
            <th className="num">Orders</th>
            <th className="num">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td className="num">{formatInt(p.units)}</td>
              <td className="num">{formatInt(p.orders)}</td>
              <td className="num" data-estimated={p.estimated > 0 ? "true" : undefined}>
                {formatCurrency(p.revenue, 0)}
                {p.estimated > 0 ? (
                  // "of which $1,234 estimated": one line, wrapping before "estimated" on a phone rather than widening the table.
                  <span className={`muted small ${css.estimate}`}>
                    <span style={{ whiteSpace: "nowrap" }}>of which {formatCurrency(p.estimated, 0)}</span> <span style={{ whiteSpace: "nowrap" }}>estimated</span>
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes.length > 0 ? (
        <p className="muted small" data-testid="product-revenue-note" style={{ margin: "10px 0 0", lineHeight: 1.45 }}>
          {notes.join(" ")}
        </p>
      ) : null}
    </>
  );
}
