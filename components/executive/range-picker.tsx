"use client";

import { useState, type FormEvent } from "react";
import { PRESETS, presetRange, type DayRange, type PresetId, type RangeChoice } from "@/lib/views/executive-shape";
import css from "./executive.module.css";

interface Props {
  /** The days the run has data for: presets count back from its last day, custom dates stay inside it. */
  data: DayRange;
  choice: RangeChoice;
  range: DayRange;
  onSelect: (choice: RangeChoice, range: DayRange) => void;
}

/** Whole data / last 7 / last 14 days (relative to the data's last day) or a custom pair of dates applied together. */
export function RangePicker({ data, choice, range, onSelect }: Props) {
  const [customOpen, setCustomOpen] = useState(choice === "custom");
  const [draft, setDraft] = useState<DayRange>(range);
  const [error, setError] = useState<string | null>(null);

  const pickPreset = (id: PresetId) => {
    const r = presetRange(id, data);
    setCustomOpen(false);
    setError(null);
    setDraft({ from: r.from, to: r.to });
    onSelect(id, { from: r.from, to: r.to });
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to) return setError("Choose both dates.");
    if (draft.from > draft.to) return setError("The start date must not be after the end date.");
    if (draft.from < data.from || draft.to > data.to) return setError(`The data covers ${data.from} to ${data.to}.`);
    setError(null);
    onSelect("custom", draft);
  };

  return (
    <div className={css.picker}>
      <span className={css.groupLabel} id="exec-range-label">
        Period
      </span>
      <div role="group" aria-labelledby="exec-range-label" className={css.segmented} data-testid="range-presets">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className={css.preset} aria-pressed={choice === p.id && !customOpen} onClick={() => pickPreset(p.id)}>
            {p.label}
          </button>
        ))}
        <button type="button" className={css.preset} aria-pressed={customOpen} aria-expanded={customOpen} aria-controls="exec-custom-range" onClick={() => setCustomOpen((o) => !o)}>
          Custom
        </button>
      </div>
      {customOpen ? (
        <form id="exec-custom-range" className={css.custom} onSubmit={apply} aria-label="Custom date range">
          <label>
            From <input type="date" name="from" min={data.from} max={data.to} value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} required />
          </label>
          <label>
            to <input type="date" name="to" min={data.from} max={data.to} value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} required />
          </label>
          <button type="submit" className="btn primary">
            Apply
          </button>
          {error ? (
            <span role="alert" className={css.error}>
              {error}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
