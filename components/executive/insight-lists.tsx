import { DEFAULT_LOOKBACK_DAYS, type Model } from "@/lib/pipeline/constants";
import { withFilters } from "@/lib/views/url-filters";
import Link from "next/link";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import css from "./executive.module.css";

type Insights = ExecutiveSummary["insights"];
type Insight = Insights["working"][number];
const LISTS: { key: keyof Insights; title: string; testId: string }[] = [
  { key: "working", title: "What's working", testId: "insights-working" },
  { key: "concerning", title: "What's concerning", testId: "insights-concerning" },
  { key: "recommendations", title: "Recommendations", testId: "insights-recommendations" },
];

/** A link to the attribution page opens the same model, the 7-day lookback the figures use, at its channel table. */
function PageLink({ href, label, model }: { href: string; label: string; model?: Model }) {
  const text = `${label} →`;
  if (href === "/attribution" && model) href = withFilters("/attribution", { model, lookback: DEFAULT_LOOKBACK_DAYS }, "channels");
  return href.startsWith("/") ? (
    <Link href={href} className={css.evidenceLink}>
      {text}
    </Link>
  ) : (
    <a href={href} className={css.evidenceLink}>
      {text}
    </a>
  );
}

/** One insight: its sentence, the numbers it rests on, its caveats (when any) and the page that shows them. */
function InsightItem({ insight, model }: { insight: Insight; model?: Model }) {
  return (
    <li data-insight={insight.id}>
      <div>
        {insight.text} <PageLink href={insight.link.href} label={insight.link.label} model={model} />
      </div>
      <ul className={css.evidence} aria-label="Evidence" data-testid="insight-evidence">
        {insight.evidence.map((e) => (
          <li key={e.label}>
            {e.label} <b>{e.value}</b>
          </li>
        ))}
      </ul>
      {insight.caveats.length > 0 ? (
        <ul className={css.insightCaveats} aria-label="Caveats" data-testid="insight-caveats">
          {insight.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The rule-based findings of the period: each sentence with its evidence, its caveats and a link to the figures behind it. */
export function InsightLists({ insights, model }: { insights: Insights; model?: Model }) {
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
                  <InsightItem key={i.id} insight={i} model={model} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
