"use client";

import type { AttributionData } from "@/lib/db/queries/attribution";
import { MODEL_LABELS, MODELS, type Model } from "@/lib/pipeline/constants";
import { compareModels } from "@/lib/views/compare-models";
import { ComparisonChart } from "./comparison-chart";
import { ComparisonTable } from "./comparison-table";
import { comparisonQuery } from "./selection";

function ModelSelect({ label, value, onChange, testId }: { label: string; value: Model; onChange: (m: Model) => void; testId: string }) {
  return (
    <label>
      {label}{" "}
      <select value={value} data-testid={testId} onChange={(e) => onChange(MODELS.find((m) => m === e.target.value) ?? value)}>
        {MODELS.map((m) => (
          <option key={m} value={m}>
            {MODEL_LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Two chosen models side by side: selects, downloads, the difference table and a grouped bar chart. */
export function ModelComparison({ data, a, b, onChange }: { data: AttributionData; a: Model; b: Model; onChange: (patch: { a?: Model; b?: Model }) => void }) {
  const rows = compareModels(data, a, b);
  const q = comparisonQuery({ a, b, lookback: data.lookbackDays });
  return (
    <section className="panel" aria-label="Model comparison" data-testid="model-comparison">
      <h2>
        Compare two models <span className="hint">difference = B − A; green: B credits the channel more</span>
      </h2>
      <div className="toolbar">
        <ModelSelect label="A" value={a} onChange={(m) => onChange({ a: m })} testId="compare-a" />
        <span className="muted">vs</span>
        <ModelSelect label="B" value={b} onChange={(m) => onChange({ b: m })} testId="compare-b" />
        <button type="button" className="btn" onClick={() => onChange({ a: b, b: a })} title="Swap A and B">
          ⇄ Swap
        </button>
        <span style={{ flex: 1 }} />
        <a className="btn" href={`/api/attribution/comparison?${q}`} download data-testid="comparison-csv">
          Download CSV
        </a>
        <a className="btn" href={`/api/reports/attribution?${q}`} download data-testid="comparison-pdf">
          Download PDF
        </a>
      </div>
      {a === b ? <p className="callout">Both sides use {MODEL_LABELS[a]}: choose two different models to see where they disagree.</p> : null}
      <ComparisonTable rows={rows} a={a} b={b} lookback={data.lookbackDays} />
      <div style={{ marginTop: 16 }}>
        <ComparisonChart rows={rows} a={a} b={b} />
      </div>
    </section>
  );
}
