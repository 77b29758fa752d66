import type { KpiTile } from "@/lib/views/executive-shape";
import css from "./executive.module.css";

const ARROW = { up: "▲", down: "▼", flat: "■" } as const;

function ChangeLine({ tile }: { tile: KpiTile }) {
  if (!tile.change) {
    return (
      <div className={`${css.changeLine} muted`}>
        {tile.note ?? "no comparison"}
      </div>
    );
  }
  const { direction, text } = tile.change;
  return (
    <div className={css.changeLine}>
      <span className={css[direction]}>
        <span aria-hidden>{ARROW[direction]} </span>
        <span className={css.srOnly}>{direction === "up" ? "up " : direction === "down" ? "down " : "unchanged "}</span>
        {text}
      </span>{" "}
      <span className="muted">vs {tile.previous}</span>
    </div>
  );
}

/** The seven headline figures, each with its change against the previous period of equal length. */
export function KpiTiles({ tiles, previousLabel }: { tiles: KpiTile[]; previousLabel: string }) {
  return (
    <section id="kpis" className={css.kpis} aria-label="Key figures">
      {tiles.map((t) => (
        <div key={t.id} className="kpi" data-testid={`kpi-${t.id}`} title={t.previous === null ? `${t.label}: ${t.note ?? "no previous period"}` : `${t.label}, ${previousLabel}: ${t.previous}`}>
          <div className="label">{t.label}</div>
          <div className="value">{t.value}</div>
          <ChangeLine tile={t} />
        </div>
      ))}
    </section>
  );
}
