import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import { GapSharesCsv } from "@/components/ui/table-csvs";
import type { DailyQuality, GapAnalysis } from "@/lib/pipeline";

/** Shapes the run's daily series and gap histogram into chart data (pure) and lays out the three charts. */
export function dailyEventBars(daily: DailyQuality[]) {
  return daily.map((d) => ({ label: d.day.slice(5), value: d.events }));
}

export function dailyNullClientBars(daily: DailyQuality[], flaggedDays: Set<string>) {
  return daily.map((d) => ({ label: d.day.slice(5), value: d.nullClientIdRate, highlight: flaggedDays.has(d.day) }));
}

export function gapBars(gaps: GapAnalysis) {
  return gaps.buckets.map((b) => ({ label: b.label, value: b.count }));
}

/** The bucket label right after the timeout (the marker sits between "15–30 min" and "30–60 min"). */
export function timeoutMarker(gaps: GapAnalysis): string | undefined {
  return gaps.buckets.find((b) => b.maxMinutes > gaps.timeoutMinutes)?.label;
}

export function QualityCharts({ daily, gaps, flaggedDays }: { daily: DailyQuality[]; gaps: GapAnalysis; flaggedDays: string[] }) {
  const flagged = new Set(flaggedDays);
  return (
    <>
      <div className="grid-2">
        <section className="panel">
          <h2>
            Events per day <span className="hint">loaded events by event date</span>
          </h2>
          <SimpleBarChart title="Loaded events per day" data={dailyEventBars(daily)} />
        </section>
        <section className="panel">
          <h2>
            Empty client id rate per day <span className="hint">red: spike against the other days</span>
          </h2>
          <SimpleBarChart title="Share of events without client id per day" data={dailyNullClientBars(daily, flagged)} valueFormat="percent" />
        </section>
      </div>
      <section className="panel" style={{ marginTop: 18 }}>
        <h2>
          Gaps between a client&apos;s consecutive events{" "}
          <span className="hint">
            {gaps.gaps.toLocaleString("en-US")} gaps; the dashed line is the {gaps.timeoutMinutes}-minute session timeout
          </span>
        </h2>
        <SimpleBarChart title="Distribution of gaps between consecutive events" data={gapBars(gaps)} markerAt={timeoutMarker(gaps)} markerLabel={`${gaps.timeoutMinutes} min`} />
        <div className="table-scroll" role="region" aria-label="Share of gaps up to each length (scrolls sideways)" tabIndex={0}>
          <table className="data" style={{ maxWidth: 560, marginTop: 8 }}>
            <thead>
              <tr>
                {gaps.shareUnder.map((s) => (
                  <th key={s.minutes} className="num">
                    ≤ {s.minutes} min
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {gaps.shareUnder.map((s) => (
                  <td key={s.minutes} className="num">
                    {(s.share * 100).toFixed(1)}%
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <GapSharesCsv shareUnder={gaps.shareUnder} />
        </div>
        <p className="small muted">
          Median gap {gaps.medianMinutes === null ? "—" : `${gaps.medianMinutes.toFixed(1)} min`}. Gaps beyond the timeout start a new session; the
          flatter the histogram around the cut, the less the session count depends on the exact timeout.
        </p>
      </section>
    </>
  );
}
