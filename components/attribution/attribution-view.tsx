"use client";

import { CaveatNote } from "@/components/caveat-note";
import type { AttributionData } from "@/lib/db/queries/attribution";
import { MODEL_LABELS, MODEL_RULES, UNATTRIBUTED } from "@/lib/pipeline/constants";
import { formatInt } from "@/lib/reports/format";
import css from "./attribution.module.css";
import { AttributionKpis } from "./attribution-kpis";
import { ChannelRevenueChart } from "./channel-revenue-chart";
import { NoiseNote } from "./noise-note";
import { ChannelRules } from "./channel-rules";
import { ChannelTable } from "./channel-table";
import { JourneysPanel, PathDetails } from "./journeys-panel";
import { IDENTITIES, identityText, personRows } from "@/lib/views/identity-view";
import { ModelComparison } from "./model-comparison";
import { ModelToggle } from "./model-toggle";
import { useAttributionSelection } from "./selection";
import { useAttributionQuery } from "./use-attribution-query";

/** The attribution page body: model toggle and lookback drive the tiles, channel table, charts, comparison and journeys. */
export function AttributionView({ initialData }: { initialData: AttributionData }) {
  const { model, lookback, a, b, identity, set } = useAttributionSelection();
  const query = useAttributionQuery(lookback, initialData);
  const data = query.data ?? initialData;
  const perPerson = identity === "person" && data.byPerson !== null;
  const rows = perPerson ? personRows(data.byModel[model], data.byPerson?.[model]) : data.byModel[model];
  const modelIntervals = data.intervals?.[model] ?? null;
  const noOrders = data.totals.orders === 0;
  const unattributed = rows.find((r) => r.channel === UNATTRIBUTED);

  return (
    <div>
      <div className={css.bar}>
        <ModelToggle value={model} onChange={(m) => set({ model: m })} />
        <div className={css.controls}>
          {query.isFetching ? (
            <span className="muted small" role="status">
              Loading…
            </span>
          ) : null}
          <fieldset className={css.identity} data-testid="identity-toggle">
            <legend className="sr-only">Identity</legend>
            {IDENTITIES.map((id) => (
              <label key={id} title={id === "person" ? "Devices joined through a shared email count as one person: their touches form one journey" : "Each client id (a browser on a device) is its own journey"}>
                <input type="radio" name="identity" value={id} checked={identity === id} onChange={() => set({ identity: id })} disabled={id === "person" && data.byPerson === null} /> {id === "device" ? "Per device" : "Per person"}
              </label>
            ))}
          </fieldset>
          <label>
            Lookback window{" "}
            <select value={lookback} onChange={(e) => set({ lookback: Number(e.target.value) })} data-testid="lookback">
              {initialData.lookbackOptions.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <p className="small muted" style={{ margin: "-8px 0 14px" }} data-testid="model-rule">
        <b>{MODEL_LABELS[model]}:</b> {MODEL_RULES[model]}
      </p>
      <p className="small" style={{ margin: "-6px 0 14px" }} data-testid="identity-note">
        {data.identity === null ? (
          <span className="muted">This run was stored before persons were stitched: the next run adds the per-person view.</span>
        ) : (
          <>
            <b>{perPerson ? "Per person." : "Per device."}</b> {identityText(data.identity, data.identity.changedOrders)}
            {perPerson ? " The channel table and chart credit each order over all the buyer's devices; sessions stay per device; the comparison below and the intervals are per device." : ""}
          </>
        )}
      </p>
      {query.error ? (
        <p className="callout warning" role="alert">
          {query.error.message} The figures below are still those of the {data.lookbackDays}-day window.
        </p>
      ) : null}
      <div className={query.isPlaceholderData ? css.stale : undefined} aria-busy={query.isFetching}>
        {noOrders ? (
          <p className="callout" data-testid="no-orders">
            No orders in this run: there is no revenue to attribute. Sessions per channel are still listed below.
          </p>
        ) : null}
        <AttributionKpis data={data} model={model} />
        <section className="panel" id="channels" aria-label="Channel performance">
          <h2>
            Channels · {MODEL_LABELS[model]}{" "}
            <span className="hint">
              {data.lookbackDays}-day lookback; credited revenue sums to total revenue under every model
              {unattributed ? `; ${formatInt(unattributed.orders)} orders without a touch are "Unattributed"` : ""}
            </span>
          </h2>
          <CaveatNote text={data.caveats.channels} testId="caveat-channels" />
          <CaveatNote text={data.caveats.orders} testId="caveat-orders" />
          <ChannelTable rows={rows} totalRevenue={data.totals.revenue} model={model} lookback={data.lookbackDays} />
          <h3 className="small muted" style={{ margin: "18px 0 6px", textTransform: "uppercase", letterSpacing: 0.4 }}>
            Revenue per channel · {MODEL_LABELS[model]}
          </h3>
          <ChannelRevenueChart rows={rows} title={`Revenue per channel, ${MODEL_LABELS[model]}${modelIntervals ? ", with 90% intervals" : ""}`} intervals={modelIntervals} />
          <NoiseNote intervals={modelIntervals} lookback={data.lookbackDays} />
        </section>
        <ModelComparison data={data} a={a} b={b} onChange={(patch) => set(patch)} />
        <JourneysPanel journeys={data.journeys} totalOrders={data.totals.orders} lookback={data.lookbackDays} />
        <PathDetails journeys={data.journeys} lookback={data.lookbackDays} />
        <div style={{ marginTop: 18 }}>
          <ChannelRules rules={data.channelRules} />
        </div>
      </div>
    </div>
  );
}
