import type { MonitoringOptions } from "@/lib/pipeline/monitoring";

/** Plain-language description of the anomaly detector, with the run's own settings. */
export function HowScored({ options }: { options: MonitoringOptions }) {
  return (
    <section className="panel" aria-label="How anomalies are scored" data-testid="how-scored">
      <h2>How anomalies are scored</h2>
      <ul className="small" style={{ margin: 0, paddingLeft: 18, lineHeight: 1.6 }}>
        <li>
          Each day is compared with a trailing window of the <b>{options.window} earlier days</b> only; a day needs at least <b>{options.minPoints} earlier days</b> to be
          scored (grey hollow dots are not scored yet).
        </li>
        <li>
          With three weeks of data or more, a day is compared with the <b>same weekday</b> of the earlier weeks instead, so quiet weekends do not raise alarms.
        </li>
        <li>
          z = (value − expected) / standard deviation. <b>|z| &gt; 3 is a warning, |z| &gt; 4 critical</b>, only in the direction that matters (e.g. a spike of empty
          client ids) and only when the change is also material (a minimum relative or absolute change), so tiny values do not alarm. The shaded band is expected ± 3
          standard deviations.
        </li>
        <li>
          Flagged days are left out of later training windows, so one incident does not hide the next. Only the <b>newest {options.recentDays} days</b> set a check&apos;s
          status: an older, known incident stays visible on the chart without keeping the board red.
        </li>
        <li>
          Freshness: warning when the newest event is older than {options.freshnessWarnHours} h, critical beyond {options.freshnessCriticalHours} h, measured when this page
          is opened.
        </li>
      </ul>
    </section>
  );
}
