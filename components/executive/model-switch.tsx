"use client";

import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { SegmentedRadio } from "./segmented-radio";

const OPTIONS: Model[] = ["first_click", "last_click"];

/**
 * First click / last click as one radio group (arrow keys switch); it drives the channel mix and the
 * insights. A model chosen on the attribution page and carried by the URL joins the group.
 */
export function ModelSwitch({ value, onChange }: { value: Model; onChange: (m: Model) => void }) {
  const options = OPTIONS.includes(value) ? OPTIONS : [...OPTIONS, value];
  return <SegmentedRadio id="executive-model" label="Channel credit" testId="model-switch" options={options.map((m) => ({ value: m, label: MODEL_LABELS[m] }))} value={value} onChange={onChange} />;
}
