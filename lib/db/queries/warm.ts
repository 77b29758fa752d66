import "server-only";
import { DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS } from "@/lib/pipeline/constants";
import type { PresetId } from "@/lib/views/executive-shape";
import { getAttribution } from "./attribution";
import { getCohorts } from "./cohorts";
import { getCurrentRun } from "./current-run";
import { getDataQuality } from "./data-quality";
import { getExecutiveSummary } from "./executive-summary";
import { checkPublishedRun, onPublishedRun, publishedRunId } from "./run-cache";
import { getTraffic } from "./traffic";

/**
 * The views readers switch between, computed once a run is published instead of on the first
 * reader's click: every lookback of the attribution page (its models and identities come in one
 * answer), the executive summary under both models for the default and preset periods (and per person for the default one), the
 * traffic page's default period, cohorts per device and per person, data quality. One after another, each awaited, each
 * started when no request is being answered (or after a second's wait); stopped when another run is published
 * meanwhile. A view already computed is a cache hit (lib/db/queries/run-cache.ts).
 */
const WARM: (() => Promise<unknown>)[] = [
  // The views readers open first: the executive summary and the attribution page as linked.
  () => getCurrentRun(),
  () => getExecutiveSummary({ model: "last_click" }),
  () => getAttribution(DEFAULT_LOOKBACK_DAYS),
  // Then what they switch to.
  ...(["last_click", "first_click"] as const).flatMap((model) => [undefined, "last7", "last14", "all"].map((period) => () => getExecutiveSummary({ model, ...(period ? { period: period as PresetId } : {}) }))),
  ...(["last_click", "first_click"] as const).map((model) => () => getExecutiveSummary({ model, identity: "person" })),
  ...LOOKBACK_DAYS.map((lookback) => () => getAttribution(lookback)),
  () => getCohorts(),
  () => getCohorts("person"),
  () => getTraffic({}),
  () => getDataQuality(),
];

const sleep = (ms: number) => new Promise((d) => setTimeout(d, ms));

async function idle(maxWaitMs: number): Promise<void> {
  const server = globalThis as unknown as { __requestsInFlight?: number };
  const until = Date.now() + maxWaitMs;
  await sleep(10);
  while ((server.__requestsInFlight ?? 0) > 0 && Date.now() < until) await sleep(20);
}

async function warm(runId: number): Promise<void> {
  for (const view of WARM) {
    if (publishedRunId() !== runId) return;
    // SQLite reads block the thread while they run: a view starts only when no request is being
    // answered (scripts/server.mjs counts them), or after waiting up to a second, so warming cannot starve.
    await idle(1_000);
    try {
      await view();
    } catch (e) {
      console.error(`Warming the views of run #${runId} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  }
}

const flag = globalThis as unknown as { __warmRegistered?: boolean };

/** Server start (instrumentation.ts): warm now, and after every newly published run. */
export function startWarming(): void {
  if (!flag.__warmRegistered) {
    flag.__warmRegistered = true;
    onPublishedRun((runId) => void warm(runId));
  }
  checkPublishedRun();
}
