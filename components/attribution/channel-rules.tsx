import type { AttributionData } from "@/lib/db/queries/attribution";

/** The session channel rules in the order they are tried (first match wins). */
export function ChannelRules({ rules }: { rules: AttributionData["channelRules"] }) {
  return (
    <section className="panel" aria-label="Channel rules">
      <h2>
        How sessions get their channel <span className="hint">rules tried in order on the session&apos;s landing page; the first match wins</span>
      </h2>
      <table className="data" data-testid="channel-rules">
        <thead>
          <tr>
            <th className="num" style={{ width: 40 }}>
              #
            </th>
            <th style={{ width: 150 }}>Channel</th>
            <th>Rule</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={`${r.channel}-${i}`}>
              <td className="num">{i + 1}</td>
              <td>{r.channel}</td>
              <td>{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        Parameter values and third-party referrer hosts are hashed in the exports (e.g. <span className="mono">utm_medium=AE24AC</span> is cpc,{" "}
        <span className="mono">source-afb1343a.com</span> is duckduckgo.com); every rule recognises both the plain and the hashed form.
      </p>
    </section>
  );
}
