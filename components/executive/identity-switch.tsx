"use client";

import { IDENTITIES, IDENTITY_LABELS, type IdentityView } from "@/lib/views/identity-view";
import { SegmentedRadio } from "./segmented-radio";

const TITLES: Record<IdentityView, string> = {
  device: "Each client id (a browser on a device) is its own buyer",
  person: "Devices joined through a shared email count as one person: their touches form one journey",
};

/**
 * Per device / per person as one radio group (arrow keys switch), like the attribution page's: it
 * drives the channel mix, new vs returning and time to purchase. Disabled per person for a run
 * stored before persons were stitched.
 */
export function IdentitySwitch({ value, onChange, personAvailable }: { value: IdentityView; onChange: (v: IdentityView) => void; personAvailable: boolean }) {
  const options = IDENTITIES.map((id) => ({ value: id, label: IDENTITY_LABELS[id], title: TITLES[id], disabled: id === "person" && !personAvailable }));
  return <SegmentedRadio id="executive-identity" label="Buyers" testId="identity-toggle" options={options} value={value} onChange={onChange} />;
}
