"use client";

import { MODEL_LABELS, MODELS, type Model } from "@/lib/pipeline/constants";
import css from "./attribution.module.css";

const PRIMARY: Model[] = ["first_click", "last_click"];
/** Models whose weights are learned from all journeys (lib/pipeline/data-driven.ts): a group of their own. */
const DATA_DRIVEN: Model[] = ["markov", "shapley"];
const SHORT: Record<Model, string> = {
  first_click: "First click",
  last_click: "Last click",
  last_non_direct: "Last non-direct",
  linear: "Linear",
  position_based: "Position-based",
  time_decay: "Time decay",
  markov: "Markov",
  shapley: "Shapley",
};

function Option({ model, checked, onChange }: { model: Model; checked: boolean; onChange: (m: Model) => void }) {
  return (
    <label className={css.option} title={MODEL_LABELS[model]}>
      <input type="radio" name="attribution-model" value={model} checked={checked} onChange={() => onChange(model)} aria-label={MODEL_LABELS[model]} />
      <span>{SHORT[model]}</span>
    </label>
  );
}

/**
 * The attribution model switch: one radio group (arrow keys move through all the models), with
 * first and last click as big buttons, the other rule-based models as a smaller second group and
 * the data-driven ones (Markov chain, Shapley value) as a third.
 */
export function ModelToggle({ value, onChange }: { value: Model; onChange: (m: Model) => void }) {
  const more = MODELS.filter((m) => !PRIMARY.includes(m) && !DATA_DRIVEN.includes(m));
  const group = (label: string, models: Model[]) => (
    <div className={css.more}>
      <span className={css.moreLabel} aria-hidden>
        {label}
      </span>
      <div className={css.group}>
        {models.map((m) => (
          <Option key={m} model={m} checked={value === m} onChange={onChange} />
        ))}
      </div>
    </div>
  );
  return (
    <div role="radiogroup" aria-label="Attribution model" className={css.toggle} data-testid="model-toggle">
      <div className={`${css.group} ${css.primary}`}>
        {PRIMARY.map((m) => (
          <Option key={m} model={m} checked={value === m} onChange={onChange} />
        ))}
      </div>
      {group("More models", more)}
      {group("Data-driven", DATA_DRIVEN)}
    </div>
  );
}
