"use client";

import { IDENTITIES, IDENTITY_LABELS, type IdentityView } from "@/lib/views/identity-view";
import css from "./executive.module.css";

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
  return (
    <div className={css.custom}>
      <span className={css.groupLabel} id="exec-identity-label">
        Buyers
      </span>
      <div role="radiogroup" aria-labelledby="exec-identity-label" className={css.segmented} data-testid="identity-toggle">
        {IDENTITIES.map((id) => (
          <label key={id} className={css.option} title={TITLES[id]}>
            <input type="radio" name="executive-identity" value={id} checked={value === id} onChange={() => onChange(id)} disabled={id === "person" && !personAvailable} />
            <span>{IDENTITY_LABELS[id]}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
