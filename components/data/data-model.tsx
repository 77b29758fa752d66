import Link from "next/link";
import type { DataModelView } from "@/lib/db/queries/data-model";
import { inlineRuns, type MarkdownBlock } from "@/lib/views/markdown-sections";
import css from "./data.module.css";

function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineRuns(text).map((r, i) => (r.kind === "code" ? <code key={i} className="mono">{r.text}</code> : r.kind === "strong" ? <strong key={i}>{r.text}</strong> : r.text))}
    </>
  );
}

/** Consecutive bullets become one list. */
function groupBlocks(blocks: MarkdownBlock[]): { kind: "p" | "ul"; texts: string[] }[] {
  const groups: { kind: "p" | "ul"; texts: string[] }[] = [];
  for (const b of blocks) {
    const last = groups[groups.length - 1];
    if (b.kind === "li" && last?.kind === "ul") last.texts.push(b.text);
    else groups.push({ kind: b.kind === "li" ? "ul" : "p", texts: [b.text] });
  }
  return groups;
}

/** The entity-relationship diagram drawn from the schema, and the metric definitions (docs/metrics.md) as text. */
export function DataModel({ model }: { model: DataModelView }) {
  return (
    <section className="panel" aria-labelledby="data-model">
      <h2 id="data-model">
        Data model <span className="hint">drawn from prisma/schema.prisma; key columns only</span>
      </h2>
      <div className={css.scroll} role="region" aria-label="Data model diagram (scrolls sideways)" tabIndex={0}>
        {/* Our own generated SVG (model and field names escaped), not data. */}
        <div data-testid="er-diagram" className={css.diagram} dangerouslySetInnerHTML={{ __html: model.svg }} />
      </div>
      <p className="small muted">
        Every table except Partition belongs to one run: filter on <span className="mono">runId</span>, and join on it too. The dashed keys are not enforced by the
        database; each run is saved whole in one transaction. Column by column: <span className="mono">docs/data-model.md</span>.
      </p>
      <h3 id="metric-definitions" style={{ fontSize: 14, margin: "18px 0 6px" }}>
        Metric definitions
      </h3>
      <p className="small" style={{ margin: "0 0 8px" }}>
        {model.metrics.map((s, i) => (
          <span key={s.id}>
            {i > 0 && " · "}
            <a href={`#${s.id}`}>{s.title.replace(/\s*\(`[^`]*`\)$/, "")}</a>
          </span>
        ))}
        {model.metrics.length > 0 && " · "}
        <Link href="/attribution">channel rules</Link> · <Link href="/data-quality">finding codes and quality score</Link> · <Link href="/monitoring">monitoring checks</Link>
      </p>
      {model.metrics.map((s) => (
        <section key={s.id} id={s.id} aria-labelledby={`${s.id}-title`} style={{ borderTop: "1px solid var(--line)", padding: "8px 0 2px" }}>
          <h4 id={`${s.id}-title`} style={{ fontSize: 13, margin: "0 0 4px" }}>
            <Inline text={s.title} />
          </h4>
          {groupBlocks(s.blocks).map((g, i) =>
            g.kind === "p" ? (
              <p key={i} className="small" style={{ margin: "0 0 4px", lineHeight: 1.5 }}>
                <Inline text={g.texts[0] ?? ""} />
              </p>
            ) : (
              <ul key={i} className="small" style={{ margin: "0 0 6px", paddingLeft: 20, lineHeight: 1.5 }}>
                {g.texts.map((t, j) => (
                  <li key={j}>
                    <Inline text={t} />
                  </li>
                ))}
              </ul>
            ),
          )}
        </section>
      ))}
    </section>
  );
}
