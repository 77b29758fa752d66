import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatInt } from "@/lib/reports/format";

/** The best-selling products of the period by revenue, with units sold and orders. */
export function TopProducts({ products }: { products: ExecutiveSummary["topProducts"] }) {
  if (products.length === 0) return <p className="muted small">No products sold in this period.</p>;
  return (
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
            <td className="num">{formatCurrency(p.revenue, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
