import Link from "next/link";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { caveatCount, caveatDays } from "@/lib/views/executive-shape";
import { findingAnchor } from "@/lib/views/findings";
import css from "./executive.module.css";

/** Data-quality findings that change the figures on this page; nothing when there are none. */
export function CaveatsBox({ caveats }: { caveats: ExecutiveSummary["caveats"] }) {
  if (caveats.length === 0) return null;
  return (
    <section className={`callout warning ${css.caveats}`} data-testid="dq-caveats" aria-label="Data quality caveats">
      <b>Read these figures with care:</b> data-quality findings affect this period.
      <ul>
        {caveats.map((c) => (
          <li key={c.code} data-caveat={c.code}>
            <b>{caveatCount(c.code, c.count)}</b> {caveatDays(c.days)}: {c.message} <Link href={`/data-quality#${findingAnchor(c.code)}`}>{c.code} →</Link>
          </li>
        ))}
      </ul>
      <Link href="/data-quality">Open the data quality report →</Link>
    </section>
  );
}
