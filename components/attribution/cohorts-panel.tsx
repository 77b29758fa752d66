"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney, csvNumber, csvPercent } from "@/components/ui/table-model";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import { COHORT_WINDOWS, NOT_YET, cohortIdentityText, shownWindows, type CohortRow, type CohortView } from "@/lib/views/cohorts";
import { useAttributionSelection } from "./selection";

function columns(keyHeader: string, shown: readonly number[]): Column<CohortRow>[] {
  const windowColumns = COHORT_WINDOWS.flatMap((days, i): Column<CohortRow>[] => {
    if (!shown.includes(days)) return [];
    const w = (r: CohortRow) => r.windows[i]!;
    const notYet = (r: CohortRow) => `${w(r).observable} of ${r.customers} customers bought ${days}+ days before the data ends`;
    return [
      {
        id: `repeat-${days}`,
        header: `Repeat ${days} d`,
        numeric: true,
        cell: (r) => <span title={notYet(r)}>{w(r).repeatRate === null ? NOT_YET : formatPercent(w(r).repeatRate, 1)}</span>,
        sortValue: (r) => w(r).repeatRate,
        csv: [
          { header: `Observable for ${days} d (customers)`, value: (r) => csvNumber(w(r).observable, 0) },
          { header: `Repeat ${days} d (%)`, value: (r) => csvPercent(w(r).repeatRate) },
        ],
      },
      {
        id: `revenue-${days}`,
        header: `Revenue / customer ${days} d`,
        numeric: true,
        cell: (r) => <span title={notYet(r)}>{w(r).revenuePerCustomer === null ? NOT_YET : formatCurrency(w(r).revenuePerCustomer, 0)}</span>,
        sortValue: (r) => w(r).revenuePerCustomer,
        csv: { header: `Revenue / customer ${days} d (USD)`, value: (r) => csvMoney(w(r).revenuePerCustomer) },
      },
    ];
  });
  return [
    { id: "key", header: keyHeader, cell: (r) => r.key, sortValue: (r) => r.key, csv: { header: keyHeader, value: (r) => r.key } },
    { id: "customers", header: "Customers", numeric: true, cell: (r) => formatInt(r.customers), sortValue: (r) => r.customers, csv: { header: "Customers", value: (r) => csvNumber(r.customers, 0) } },
    ...windowColumns,
  ];
}

/**
 * Customers by first-touch channel and by week of first purchase: repeat purchases and revenue per
 * customer 7, 14 and 30 days on, per device or per person as the page's identity toggle says.
 */
export function CohortsPanel({ device, person }: { device: CohortView; person: CohortView }) {
  const { identity: asked } = useAttributionSelection();
  const data = asked === "person" ? person : device;
  const view = data.identity === "person" ? "per person" : "per device";
  // A window no customer can be judged on yet is left out, and said so (not a column of "not yet").
  const { shown, hidden } = shownWindows(data);
  const fileTag = data.identity === "person" ? "per-person" : "per-device";
  return (
    <section id="cohorts" className="panel" aria-labelledby="cohorts-title">
      <h2 id="cohorts-title">
        Customer cohorts <span className="hint">{data.identity === "person" ? "per person (devices joined through a shared email)" : "per device (client id)"}: repeat purchases and revenue per customer after the first purchase</span>
      </h2>
      <p className="small muted" data-testid="cohorts-identity" style={{ marginTop: 0 }}>
        {cohortIdentityText(data, asked)}
      </p>
      {data.customers === 0 ? (
        <p className="muted small">No customer with a client id yet.</p>
      ) : (
        <>
          <p className="small muted" style={{ marginTop: 0 }}>
            {formatInt(data.customers)} customers {view}. First touch: the channel of the customer&apos;s first visit in the data (visits before the data began are unknown). A window counts only customers whose first purchase is at least that many days before the data ends ({data.lastDay ?? "its last day"}); <b>{NOT_YET}</b> means none is observable yet, not that nobody came back. Revenue per customer includes the first order.
            {hidden.length > 0 ? (
              <>
                {" "}
                <b data-testid="cohorts-not-yet">{hidden.map((d) => `${d} days`).join(" and ")}: not observable yet</b> (no first purchase is that long before the data ends).
              </>
            ) : null}
          </p>
          <h3 className="small">By first-touch channel</h3>
          <DataTable columns={columns("First-touch channel", shown)} rows={data.byChannel} rowKey={(r) => r.key} testId="cohorts-by-channel" csvLabel={`the cohorts by channel ${view}`} fileName={["attribution", "cohorts", "by-channel", fileTag]} />
          <h3 className="small">By week of first purchase</h3>
          <DataTable columns={columns("Week of first purchase", shown)} rows={data.byWeek} rowKey={(r) => r.key} testId="cohorts-by-week" csvLabel={`the cohorts by week ${view}`} fileName={["attribution", "cohorts", "by-week", fileTag]} />
        </>
      )}
    </section>
  );
}
