import "server-only";
import { cachedForRun } from "./run-cache";
import { cohorts, type Cohorts } from "@/lib/views/cohorts";
import { prisma } from "../client";

const DAY_MS = 86_400_000;

/**
 * The current run's customer cohorts (lib/views/cohorts.ts): per client id (the device), by the
 * channel of the client's first session in the data and by the week of the first purchase; the
 * windows are judged against the end of the data's last complete day.
 */
export function getCohorts(): Promise<(Cohorts & { runId: number; lastDay: string | null }) | null> {
  return cachedForRun("cohorts", "", () => loadCohorts());
}

async function loadCohorts(): Promise<(Cohorts & { runId: number; lastDay: string | null }) | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } });
  if (!run) return null;
  const runId = run.id;
  const [orders, firsts, bounds] = await Promise.all([
    prisma.order.findMany({ where: { runId, clientId: { not: null } }, select: { clientId: true, tsMs: true, revenueCents: true } }),
    prisma.$queryRaw<{ clientId: string; channel: string }[]>`
      SELECT s."clientId" AS clientId, s."channel" AS channel FROM "Session" s
      WHERE s."runId" = ${runId} AND s."sessionNumber" = 1
        AND s."clientId" IN (SELECT o."clientId" FROM "Order" o WHERE o."runId" = ${runId} AND o."clientId" IS NOT NULL)`,
    prisma.dailyMetric.aggregate({ where: { runId, partial: false }, _max: { day: true } }),
  ]);
  const lastDay = bounds._max.day ?? null;
  const channel = new Map(firsts.map((f) => [f.clientId, f.channel]));
  const end = lastDay ? Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS : Math.max(0, ...orders.map((o) => o.tsMs)) + 1;
  const result = cohorts(
    orders.map((o) => ({ clientId: o.clientId!, tsMs: o.tsMs, revenueCents: o.revenueCents })),
    (c) => channel.get(c) ?? null,
    end,
  );
  return { ...result, runId, lastDay };
}
