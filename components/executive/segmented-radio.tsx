"use client";

import css from "./executive.module.css";

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
  title?: string;
  disabled?: boolean;
}

/**
 * A labelled group of options drawn as segments: native radio inputs, so arrow keys switch and a
 * screen reader announces the group by its label. `id` names the label (`<id>-label`) and the inputs.
 */
export function SegmentedRadio<T extends string>({ id, label, testId, options, value, onChange }: { id: string; label: string; testId: string; options: SegmentOption<T>[]; value: T; onChange: (v: T) => void }) {
  return (
    <div className={css.custom}>
      <span className={css.groupLabel} id={`${id}-label`}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`${id}-label`} className={css.segmented} data-testid={testId}>
        {options.map((o) => (
          <label key={o.value} className={css.option} title={o.title}>
            <input type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} disabled={o.disabled} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
