import Link from "next/link";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import css from "./executive.module.css";

type Insights = ExecutiveSummary["insights"];
const LISTS: { key: keyof Insights; title: string; testId: string }[] = [
  { key: "working", title: "What's working", testId: "insights-working" },
  { key: "concerning", title: "What's concerning", testId: "insights-concerning" },
  { key: "recommendations", title: "Recommendations", testId: "insights-recommendations" },
];

function Evidence({ href, label }: { href: string; label: string }) {
  const text = `${label} →`;
  return href.startsWith("/") ? (
    <Link href={href} className={css.evidence}>
      {text}
    </Link>
  ) : (
    <a href={href} className={css.evidence}>
      {text}
    </a>
  );
}

/** The rule-based findings of the period, each sentence with a link to the figures behind it. */
export function InsightLists({ insights }: { insights: Insights }) {
  return (
    <div className={css.three}>
      {LISTS.map((l) => {
        const items = insights[l.key];
        return (
          <section key={l.key} className="panel" data-testid={l.testId} aria-label={l.title}>
            <h2>{l.title}</h2>
            {items.length === 0 ? (
              <p className="muted small">Nothing stands out in this period.</p>
            ) : (
              <ul className={`${css.insights} ${css[l.key]}`}>
                {items.map((i) => (
                  <li key={i.id} data-insight={i.id}>
                    {i.text} <Evidence href={i.evidence.href} label={i.evidence.label} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
