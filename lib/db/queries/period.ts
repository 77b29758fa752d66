import "server-only";
import { addDays, daysIn, defaultPeriod, presetRange, type DayRange, type PresetId, type RangeChoice } from "@/lib/views/executive-shape";
import { prisma } from "../client";

export interface ResolvedPeriod {
  /** The complete days the run covers (null when it has none). */
  dataRange: DayRange | null;
  period: RangeChoice;
  from: string;
  to: string;
  days: number;
  /** The period of the same length just before. */
  previousRange: DayRange;
}

/**
 * The days a page shows for the run: from..to when both are given, else a preset counted back from
 * the data's last complete day, else the default period (the latest 7 complete days against the 7
 * before, or the whole data when it covers fewer than 14 days). Shared by every page with a period.
 */
export async function resolvePeriod(runId: number, opts: { from?: string; to?: string; period?: PresetId }): Promise<ResolvedPeriod> {
  const bounds = await prisma.dailyMetric.aggregate({ where: { runId, partial: false }, _min: { day: true }, _max: { day: true } });
  const dataRange = bounds._min.day && bounds._max.day ? { from: bounds._min.day, to: bounds._max.day } : null;
  const explicit = opts.from !== undefined && opts.to !== undefined;
  const period: RangeChoice = explicit ? "custom" : (opts.period ?? defaultPeriod(dataRange));
  const preset = !explicit && dataRange && period !== "custom" ? presetRange(period, dataRange) : null;
  const to = (explicit ? opts.to : preset?.to) ?? opts.to ?? dataRange?.to ?? new Date().toISOString().slice(0, 10);
  const from = (explicit ? opts.from : preset?.from) ?? opts.from ?? dataRange?.from ?? to;
  const days = daysIn({ from, to });
  return { dataRange, period, from, to, days, previousRange: { from: addDays(from, -days), to: addDays(from, -1) } };
}
