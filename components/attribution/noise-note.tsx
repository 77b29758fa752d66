import { BOOTSTRAP_RESAMPLES } from "@/lib/pipeline/bootstrap";
import { DEFAULT_LOOKBACK_DAYS } from "@/lib/pipeline/constants";
import type { ModelIntervals } from "@/lib/pipeline/bootstrap";
import { noiseSentence, withinNoise } from "@/lib/views/intervals";

/** Under the revenue chart: what the whiskers are, and which neighbouring channels the data cannot tell apart. */
export function NoiseNote({ intervals, lookback }: { intervals: ModelIntervals | null; lookback: number }) {
  if (!intervals) {
    return (
      <p className="small muted" data-testid="noise-note">
        {lookback !== DEFAULT_LOOKBACK_DAYS
          ? `Uncertainty intervals are computed for the ${DEFAULT_LOOKBACK_DAYS}-day lookback: choose it to see them.`
          : "This run was stored before uncertainty intervals existed for this model: the next run adds them."}
      </p>
    );
  }
  const close = withinNoise(intervals);
  return (
    <div className="small" data-testid="noise-note">
      <p className="muted" style={{ margin: "6px 0" }}>
        Whiskers: the 90% interval of each channel&apos;s credited revenue, from {BOOTSTRAP_RESAMPLES.toLocaleString("en-US")} resamples of the orders (the same orders drawn again with replacement). A wide whisker means few orders carry the figure.
      </p>
      {close.length === 0 ? (
        <p style={{ margin: 0 }}>Every channel earns more than the next one down beyond noise.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }} aria-label="Channels the data cannot tell apart">
          {close.map((v) => (
            <li key={`${v.a}|${v.b}`} data-noise-pair={`${v.a}|${v.b}`}>
              {noiseSentence(v)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
