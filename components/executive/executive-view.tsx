"use client";

import { useState } from "react";
import { useFiltersInUrl } from "@/components/use-filters-in-url";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import type { Model } from "@/lib/pipeline/constants";
import {
  daysIn, formatRange, isEmptyRange, kpiTiles, presetRange, previousCoverage, summarySearch, type DayRange, type RangeChoice,
} from "@/lib/views/executive-shape";
import { CaveatNote } from "@/components/caveat-note";
import { CaveatsBox } from "./caveats-box";
import { ChannelMix } from "./channel-mix";
import css from "./executive.module.css";
import { InsightLists } from "./insight-lists";
import { KpiTiles } from "./kpi-tiles";
import { ModelSwitch } from "./model-switch";
import { IdentitySwitch } from "./identity-switch";
import { periodIdentityText, type IdentityView } from "@/lib/views/identity-view";
import { PurchaseTiming } from "./purchase-timing";
import { RangePicker } from "./range-picker";
import { DevicePanel, VisitorPanel } from "./segment-tables";
import { TopProducts } from "./top-products";
import { TrendChart, TrendLegend } from "./trend-chart";
import { useSummaryQuery } from "./use-summary-query";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What the figures are compared with, in words. */
function comparisonText(data: ExecutiveSummary): string {
  const prev = formatRange(data.previousRange);
  if (!data.previous) return `no previous period: the data has nothing for ${prev}`;
  const cov = previousCoverage(data);
  if (cov.covered < cov.days) return `compared with ${prev}, which has data for only ${cov.covered} of its ${cov.days} days: totals are not compared`;
  return `compared with ${prev}`;
}

/** The executive summary: range and model controls, then every figure for the chosen period. */
export function ExecutiveView({ initialData }: { initialData: ExecutiveSummary }) {
  const [choice, setChoice] = useState<RangeChoice>(initialData.period);
  const [range, setRange] = useState<DayRange>({ from: initialData.range.from, to: initialData.range.to });
  const [model, setModel] = useState<Model>(initialData.model);
  const [identity, setIdentity] = useState<IdentityView>(initialData.identity);
  // The selection lives in the URL: a reload or a shared link opens the same view, and the
  // navigation carries it to the other pages (lib/views/url-filters.ts). Per device is the default
  // and is not written.
  useFiltersInUrl({ period: choice, from: range.from, to: range.to, model, identity: identity === "person" ? "person" : undefined }, ["period", "from", "to", "model", "identity"]);
  const query = useSummaryQuery({ ...range, model, identity }, initialData);
  const data = query.data ?? initialData;
  const stale = query.isPlaceholderData;
  const dataRange = initialData.dataRange;
  const clamped = dataRange && choice !== "custom" && choice !== "all" && presetRange(choice, dataRange).clamped;

  const select = (c: RangeChoice, r: DayRange) => {
    setChoice(c);
    setRange(r);
  };

  return (
    <>
      <div className={css.bar}>
        {dataRange ? <RangePicker data={dataRange} choice={choice} range={range} onSelect={select} /> : <span />}
        <div className={css.switches}>
          <ModelSwitch value={model} onChange={setModel} />
          <IdentitySwitch value={identity} onChange={setIdentity} personAvailable={initialData.persons !== null} />
        </div>
      </div>
      <p className="small" style={{ margin: "-4px 0 12px" }} data-testid="identity-note" aria-live="polite">
        {periodIdentityText(data.identity, data.persons)}
      </p>
      <div className={css.showingRow}>
        <p className={css.showing} data-testid="range-shown" aria-live="polite">
          Showing <b>{formatRange(data.range)}</b> ({plural(data.range.days, "day")}
          {clamped ? `: the data has only ${plural(dataRange ? daysIn(dataRange) : 0, "day")}` : ""}), {comparisonText(data)}.
          {query.isFetching ? " Updating…" : ""}
        </p>
        <a className="btn primary" href={`/api/reports/executive?${summarySearch({ ...range, model, identity })}`} download data-testid="download-pdf">
          Download PDF
        </a>
      </div>
      {query.isError ? (
        <p className="callout warning" role="alert">
          {query.error.message} The figures below are for the previous selection.
        </p>
      ) : null}
      {isEmptyRange(data) && !stale ? (
        <section className="panel empty" data-testid="empty-range">
          <h2>No data for {formatRange(data.range)}</h2>
          <p>{dataRange ? `This run has data from ${formatRange(dataRange)}. Choose days inside it.` : "This run has no daily figures yet."}</p>
          {dataRange ? (
            <button type="button" className="btn" onClick={() => select("all", dataRange)}>
              Show all days
            </button>
          ) : null}
        </section>
      ) : (
        <div className={stale ? css.stale : undefined} aria-busy={stale}>
          <KpiTiles tiles={kpiTiles(data)} previousLabel={`Previous period (${formatRange(data.previousRange)})`} />
          <CaveatNote text={data.numberCaveats.conversion} testId="caveat-conversion" />
          <CaveatNote text={data.numberCaveats.orders} testId="caveat-orders" />
          <div className={css.main}>
            <section id="trend" className="panel">
              <h2>
                Daily revenue and orders <TrendLegend />
              </h2>
              <TrendChart daily={data.daily} />
            </section>
            <section id="channels" className="panel">
              <h2>
                Channel mix <span className="hint">revenue credited under {data.modelLabel.toLowerCase()}{data.identity === "person" ? ", per person" : ""}</span>
              </h2>
              <CaveatNote text={data.numberCaveats.channels} testId="caveat-channels" />
              <ChannelMix channels={data.channels} model={data.model} period={data.range} />
            </section>
          </div>
          <InsightLists insights={data.insights} model={model} />
          <CaveatsBox caveats={data.caveats} />
          <div className={css.two}>
            <DevicePanel devices={data.devices} gap={data.deviceGap} period={data.range} />
            <VisitorPanel rows={data.newVsReturning} period={data.range} perPerson={data.identity === "person"} />
          </div>
          <div className={css.two}>
            <section className="panel" id="products">
              <h2>
                Top products <span className="hint">by revenue</span>
              </h2>
              <CaveatNote text={data.numberCaveats.products} testId="caveat-products" />
              <TopProducts products={data.topProducts} productRevenue={data.productRevenue} period={data.range} />
            </section>
            <PurchaseTiming buckets={data.timeFromFirstVisit} perPerson={data.identity === "person"} />
          </div>
        </div>
      )}
    </>
  );
}
