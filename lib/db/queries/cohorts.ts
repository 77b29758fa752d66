import "server-only";
import { cacheKey, cachedForRun } from "./run-cache";
import { cohorts, firstTouchChannels, type Cohorts } from "@/lib/views/cohorts";
import type { IdentityView } from "@/lib/views/identity-view";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "../client";

const DAY_MS = 86_400_000;

export interface StoredCohorts extends Cohorts {
  runId: number;
  lastDay: string | null;
  /** The view the figures are in: per person only when the run stores persons (else per device, whatever was asked). */
  identity: IdentityView;
  /** Buyers per device (client ids with an order) and the persons they are; null for a run stored before devices were joined. */
  merge: { deviceCustomers: number; persons: number } | null;
}

/**
 * The current run's customer cohorts (lib/views/cohorts.ts), by first-touch channel and by week
 * of the first purchase; the windows are judged against the end of the data's last complete day.
 * Per device a customer is a client id, its first touch the channel of the client's first session;
 * per person a customer is a person (Order.personId), its first purchase the person's first order on
 * any device, its first touch the channel of the earliest first session among the person's client
 * ids (ties: the smallest session id), and every order on any of its devices counts.
 */
export function getCohorts(identity: IdentityView = "device"): Promise<StoredCohorts | null> {
  return cachedForRun("cohorts", cacheKey({ identity }), () => loadCohorts(identity));
}

async function loadCohorts(asked: IdentityView): Promise<StoredCohorts | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } });
  if (!run) return null;
  const runId = run.id;
  const [orders, bounds] = await Promise.all([
    prisma.order.findMany({ where: { runId, clientId: { not: null } }, select: { clientId: true, personId: true, tsMs: true, revenueCents: true } }),
    prisma.dailyMetric.aggregate({ where: { runId, partial: false }, _max: { day: true } }),
  ]);
  // A run stored before devices were joined has no person on its orders: per device only.
  const stitched = orders.every((o) => o.personId !== null);
  const merge = stitched ? { deviceCustomers: new Set(orders.map((o) => o.clientId)).size, persons: new Set(orders.map((o) => o.personId)).size } : null;
  const identity: IdentityView = asked === "person" && stitched ? "person" : "device";

  // The first session of every client id of a customer (robots' sessions too, as the client's session numbers count them).
  // Filtered with IN (one pass over the sessions), never joined on the client id: the Session table
  // has no index on it, and a join scanned every session once per customer (minutes on 1M events).
  const firstSessions = await prisma.$queryRaw<{ clientId: string; startMs: number; sessionId: string; channel: string }[]>`
    SELECT s."clientId" AS clientId, s."startMs" AS startMs, s."sessionId" AS sessionId, s."channel" AS channel FROM "Session" s
    WHERE s."runId" = ${runId} AND s."sessionNumber" = 1
      AND s."clientId" IN (${
        identity === "person"
          ? Prisma.sql`SELECT k."clientId" FROM "Client" k WHERE k."runId" = ${runId} AND k."personId" IN (SELECT o."personId" FROM "Order" o WHERE o."runId" = ${runId} AND o."personId" IS NOT NULL)`
          : Prisma.sql`SELECT o."clientId" FROM "Order" o WHERE o."runId" = ${runId} AND o."clientId" IS NOT NULL`
      })`;
  const personOf =
    identity === "person"
      ? new Map(
          (
            await prisma.$queryRaw<{ clientId: string; personId: string }[]>`
              SELECT k."clientId" AS clientId, k."personId" AS personId FROM "Client" k
              WHERE k."runId" = ${runId} AND k."personId" IN (SELECT o."personId" FROM "Order" o WHERE o."runId" = ${runId} AND o."personId" IS NOT NULL)`
          ).map((c) => [c.clientId, c.personId]),
        )
      : null;
  const firsts = firstSessions.map((f) => ({ customerId: personOf ? personOf.get(f.clientId)! : f.clientId, startMs: f.startMs, sessionId: f.sessionId, channel: f.channel }));
  const lastDay = bounds._max.day ?? null;
  const channel = firstTouchChannels(firsts.map((f) => ({ ...f, startMs: Number(f.startMs) })));
  const end = lastDay ? Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS : orders.reduce((m, o) => Math.max(m, o.tsMs), 0) + 1;
  const result = cohorts(
    orders.map((o) => ({ customerId: identity === "person" ? o.personId! : o.clientId!, tsMs: o.tsMs, revenueCents: o.revenueCents })),
    (c) => channel.get(c) ?? null,
    end,
  );
  return { ...result, runId, lastDay, identity, merge };
}
