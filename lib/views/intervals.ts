/**
 * How the bootstrap intervals (lib/pipeline/bootstrap.ts) read on the attribution page, in its PDF
 * and in the executive insights: a channel's 90% interval as a range, and whether two channels
 * next to each other in the ranking can be told apart. Pure; no React, no Node imports.
 */
import type { ModelIntervals, NoiseVerdict } from "@/lib/pipeline/bootstrap";
import { formatCurrency } from "@/lib/reports/format";

/** "$8,120 – $10,530". */
export function rangeText(low: number, high: number): string {
  return `${formatCurrency(low, 0)} – ${formatCurrency(high, 0)}`;
}

/** One sentence per pair of neighbouring channels: within noise, or apart beyond it. */
export function noiseSentence(v: NoiseVerdict): string {
  const diff = `the 90% interval of the difference runs from ${formatCurrency(v.low, 0)} to ${formatCurrency(v.high, 0)}`;
  return v.withinNoise
    ? `${v.a} and ${v.b} are within noise of each other: ${diff}, so the data cannot tell which earns more.`
    : `${v.a} earns more than ${v.b} beyond noise: ${diff}.`;
}

/** The pairs within noise among the channels that carry revenue, in ranking order. */
export function withinNoise(m: ModelIntervals | undefined | null): NoiseVerdict[] {
  return (m?.neighbours ?? []).filter((v) => v.withinNoise && (m!.channels[v.a]?.revenue ?? 0) > 0 && (m!.channels[v.b]?.revenue ?? 0) > 0);
}
