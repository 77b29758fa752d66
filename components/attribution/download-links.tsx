"use client";

import { MODEL_LABELS } from "@/lib/pipeline/constants";
import { comparisonQuery, useAttributionSelection } from "./selection";

/** "Download PDF" / "Download CSV" of the current comparison; used in the page head. */
export function DownloadLinks() {
  const { a, b, lookback, model, identity } = useAttributionSelection();
  const q = comparisonQuery({ a, b, lookback });
  const pdf = `${q}&model=${model}${identity === "person" ? "&identity=person" : ""}`;
  const what = `${MODEL_LABELS[a]} vs ${MODEL_LABELS[b]}, ${lookback}-day lookback`;
  return (
    <div>
      <div className="actions">
        <a className="btn" href={`/api/attribution/comparison?${q}`} download data-testid="download-csv" title={`Comparison table as CSV: ${what}`}>
          Download CSV
        </a>
        <a className="btn primary" href={`/api/reports/attribution?${pdf}`} download data-testid="download-pdf" title={`Attribution report as PDF: the ${MODEL_LABELS[model]} channel table, then ${what}`}>
          Download PDF
        </a>
      </div>
      <p className="small muted" style={{ margin: "6px 0 0", textAlign: "right" }}>
        Comparison: {what}
      </p>
    </div>
  );
}
