"use client";

import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import css from "./executive.module.css";

const OPTIONS: Model[] = ["first_click", "last_click"];

/**
 * First click / last click as one radio group (arrow keys switch); it drives the channel mix and the
 * insights. A model chosen on the attribution page and carried by the URL joins the group.
 */
export function ModelSwitch({ value, onChange }: { value: Model; onChange: (m: Model) => void }) {
  const options = OPTIONS.includes(value) ? OPTIONS : [...OPTIONS, value];
  return (
    <div className={css.custom}>
      <span className={css.groupLabel} id="exec-model-label">
        Channel credit
      </span>
      <div role="radiogroup" aria-labelledby="exec-model-label" className={css.segmented} data-testid="model-switch">
        {options.map((m) => (
          <label key={m} className={css.option}>
            <input type="radio" name="executive-model" value={m} checked={value === m} onChange={() => onChange(m)} />
            <span>{MODEL_LABELS[m]}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
