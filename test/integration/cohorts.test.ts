/**
 * Customer cohorts from a hand-made export through the stored run (lib/db/queries/cohorts.ts):
 * first-touch channel from the client's first session, windows judged against the end of the
 * data's last day. Every figure worked by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let data: Awaited<ReturnType<typeof import("@/lib/db/queries/cohorts").getCohorts>>;

// Ten days, 2025-02-10 (a Monday) to 2025-02-19; the data ends 2025-02-20 00:00 UTC.
//   A: lands from an email (utm_medium=email) 02-10 10:00, buys $100; comes back direct 02-12, buys $50
//   B: lands direct 02-11, buys $80
//   C: lands from paid search (utm_medium=cpc) 02-18, buys $20
// 7 days: A observable (ends 02-17), repeat, $150; B observable (ends 02-18), no repeat, $80; C ends 02-25: not yet.
// 14 days: nobody observable.
const days = Array.from({ length: 10 }, (_, i) => `2025-02-${String(10 + i).padStart(2, "0")}`);
const buy = (client: string, ts: string, tx: string, revenue: number) => eventRow({ client, ts, event: "checkout_completed", data: purchaseData(tx, revenue, [{ id: "A", price: revenue, qty: 1 }]) });
const extra: Record<string, string[][]> = {
  "2025-02-10": [eventRow({ client: "A", ts: "2025-02-10T10:00:00.000Z", url: "https://shop.example/?utm_medium=email&utm_source=newsletter" }), buy("A", "2025-02-10T10:05:00.000Z", "T1", 100)],
  "2025-02-11": [eventRow({ client: "B", ts: "2025-02-11T08:00:00.000Z", url: "https://shop.example/" }), buy("B", "2025-02-11T08:05:00.000Z", "T3", 80)],
  "2025-02-12": [eventRow({ client: "A", ts: "2025-02-12T09:00:00.000Z", url: "https://shop.example/" }), buy("A", "2025-02-12T09:05:00.000Z", "T2", 50)],
  "2025-02-18": [eventRow({ client: "C", ts: "2025-02-18T07:00:00.000Z", url: "https://shop.example/?utm_medium=cpc&utm_source=google" }), buy("C", "2025-02-18T07:05:00.000Z", "T4", 20)],
};

beforeAll(async () => {
  const files = days.map((d) => csvFile(`events_${d.replace(/-/g, "")}.csv`, [eventRow({ client: "filler", ts: `${d}T12:00:00.000Z`, url: "https://shop.example/" }), ...(extra[d] ?? [])]));
  saveRunResult(t.db, createRun(t.db, "cli"), runPipeline(files));
  process.env.DATABASE_URL = `file:${t.path}`;
  const { getCohorts } = await import("@/lib/db/queries/cohorts");
  data = await getCohorts();
}, 60_000);
afterAll(() => t.cleanup());

const seven = (row: { windows: { days: number; observable: number; repeat: number; repeatRate: number | null; revenuePerCustomer: number | null }[] }) => {
  const w = row.windows.find((x) => x.days === 7)!;
  return [w.observable, w.repeat, w.repeatRate, w.revenuePerCustomer];
};

describe("customer cohorts of a stored run", () => {
  it("counts customers by the channel of their first session", () => {
    expect(data!.customers).toBe(3);
    expect(data!.lastDay).toBe("2025-02-19");
    expect(Object.fromEntries(data!.byChannel.map((r) => [r.key, [r.customers, ...seven(r)]]))).toEqual({
      Email: [1, 1, 1, 1, 150],
      Direct: [1, 1, 0, 0, 80],
      "Paid Search": [1, 0, 0, null, null],
    });
    // Nobody bought 14 days before the data ends.
    for (const r of data!.byChannel) expect(r.windows.find((w) => w.days === 14)!.repeatRate).toBeNull();
  });

  it("counts customers by the week of their first purchase", () => {
    expect(data!.byWeek.map((r) => [r.key, r.customers, ...seven(r)])).toEqual([
      ["2025-02-10", 2, 2, 1, 0.5, 115],
      ["2025-02-17", 1, 0, 0, null, null],
    ]);
  });
});
