import "server-only";
import { NO_CAVEATS, numberCaveats, type NumberCaveats, type RangeFacts } from "@/lib/views/caveats";
import { prisma } from "../client";

const num = (v: number | bigint | null | undefined) => Number(v ?? 0);

/** What the run recorded about the days from..to (inclusive), for lib/views/caveats.ts. */
export async function getRangeFacts(runId: number, from: string, to: string): Promise<RangeFacts> {
  const [days, files, spikes, collisions, unpriced] = await Promise.all([
    prisma.dailyMetric.count({ where: { runId, partial: false, day: { gte: from, lte: to } } }),
    prisma.sourceFile.findMany({ where: { runId, day: { gte: from, lte: to } }, select: { day: true, missingColumns: true } }),
    prisma.finding.findMany({ where: { runId, code: "NULL_CLIENT_ID_SPIKE", day: { gte: from, lte: to } }, select: { day: true } }),
    prisma.order.groupBy({ by: ["orderDate"], where: { runId, collision: true, orderDate: { gte: from, lte: to } }, _count: { _all: true } }),
    prisma.$queryRaw<{ day: string; estimated: number | bigint | null; total: number | bigint | null; unpriced: number | bigint | null }[]>`
      SELECT o."orderDate" AS day, SUM(CASE WHEN i."revenueEstimated" THEN i."revenueCents" ELSE 0 END) AS estimated, SUM(i."revenueCents") AS total,
        SUM(CASE WHEN i."itemPrice" IS NULL OR i."quantity" IS NULL THEN 1 ELSE 0 END) AS unpriced
      FROM "OrderItem" i JOIN "Order" o ON o."runId" = i."runId" AND o."orderId" = i."orderId"
      WHERE i."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY o."orderDate"`,
  ]);
  const unpricedRows = unpriced.filter((r) => num(r.unpriced) > 0);
  return {
    days,
    referrerMissingDays: [...new Set(files.filter((f) => f.day && (JSON.parse(f.missingColumns) as string[]).includes("referrer")).map((f) => f.day!))].sort(),
    nullClientSpikeDays: [...new Set(spikes.map((s) => s.day!).filter(Boolean))].sort(),
    collisionOrders: collisions.reduce((n, c) => n + c._count._all, 0),
    collisionDays: collisions.map((c) => c.orderDate).sort(),
    unpricedDays: unpricedRows.map((r) => r.day).sort(),
    estimatedCents: unpriced.reduce((n, r) => n + num(r.estimated), 0),
    productCents: unpriced.reduce((n, r) => n + num(r.total), 0),
  };
}

/** The caveats of the days from..to of the run (none when the range is empty). */
export async function getRangeCaveats(runId: number, from: string, to: string): Promise<NumberCaveats> {
  if (from > to) return NO_CAVEATS;
  return numberCaveats(await getRangeFacts(runId, from, to));
}

/** The caveats of all the run's days (pages and PDFs without a date range). */
export async function getRunCaveats(runId: number): Promise<NumberCaveats> {
  const bounds = await prisma.dailyMetric.aggregate({ where: { runId, partial: false }, _min: { day: true }, _max: { day: true } });
  return bounds._min.day && bounds._max.day ? getRangeCaveats(runId, bounds._min.day, bounds._max.day) : NO_CAVEATS;
}
