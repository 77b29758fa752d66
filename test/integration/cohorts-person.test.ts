/**
 * Customer cohorts per device and per person (lib/db/queries/cohorts.ts) from a hand-made export
 * through the stored run. Every figure worked out by hand below.
 *
 * Fourteen days, 2025-03-03 (a Monday) to 2025-03-16; the data ends 2025-03-17 00:00 UTC.
 *   phone  (person P): lands from an email (utm_medium=email) 03-03 10:00 and leaves email P in the pop-up;
 *                      comes back direct 03-12 09:00 and buys $40 at 09:05 (email P)
 *   laptop (person P): lands direct 03-07 09:00 and buys $100 at 09:05 (email P)
 *   solo   (person S): lands from paid search (utm_medium=cpc) 03-05 08:00 and buys $60 at 08:05 (email S)
 *   filler: one direct page view a day at 12:00, never buys (so every day is in the data)
 *
 * Per device, three customers:
 *   laptop: first touch Direct (its own first session), first purchase 03-07 09:05; 7 days end 03-14
 *           09:05, before the data ends: observable, no other order on the laptop → no repeat, $100.
 *   phone:  first touch Email, first purchase 03-12 09:05; 7 days end 03-19 09:05: not yet.
 *   solo:   first touch Paid Search, first purchase 03-05 08:05; 7 days end 03-12 08:05: observable, no repeat, $60.
 *   14 and 30 days: nobody's first purchase is 14 days before 03-17 → not yet for all.
 *   By week: 03-03 (laptop, solo): 2 customers, 2 observable, 0 repeat, ($100 + $60) / 2 = $80;
 *            03-10 (phone): 1 customer, not yet.
 * Per person, two customers (3 customers per device are 2 persons):
 *   P:    first purchase 03-07 09:05 (the laptop's), first touch Email (the phone's 03-03 session is the
 *         person's earliest); the phone's $40 on 03-12 09:05 is 5 days later, within 7 days (ending
 *         03-14 09:05) → repeat, $100 + $40 = $140.
 *   solo: as per device.
 *   By week: 03-03 (P, solo): 2 customers, 2 observable, 1 repeat (50%), ($140 + $60) / 2 = $100.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import type { StoredCohorts } from "@/lib/db/queries/cohorts";
import { runPipeline } from "@/lib/pipeline";
import { csvFile, eventRow, purchaseData, UA_IPHONE, UA_WINDOWS } from "../csv-builder";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let device: StoredCohorts;
let person: StoredCohorts;
let byDefault: StoredCohorts;

const EMAIL_P = "a".repeat(64);
const EMAIL_S = "b".repeat(64);
const days = Array.from({ length: 14 }, (_, i) => `2025-03-${String(3 + i).padStart(2, "0")}`);
const buy = (client: string, ts: string, tx: string, revenue: number, email: string, ua: string) =>
  eventRow({ client, ts, event: "checkout_completed", data: { ...purchaseData(tx, revenue, [{ id: "A", price: revenue, qty: 1 }]), user_email: email }, ua });
const extra: Record<string, string[][]> = {
  "2025-03-03": [
    eventRow({ client: "phone", ts: "2025-03-03T10:00:00.000Z", url: "https://shop.example/?utm_medium=email&utm_source=newsletter", ua: UA_IPHONE }),
    eventRow({ client: "phone", ts: "2025-03-03T10:01:00.000Z", event: "email_filled_on_popup", data: { user_email: EMAIL_P }, ua: UA_IPHONE }),
  ],
  "2025-03-05": [
    eventRow({ client: "solo", ts: "2025-03-05T08:00:00.000Z", url: "https://shop.example/?utm_medium=cpc&utm_source=google", ua: UA_WINDOWS }),
    buy("solo", "2025-03-05T08:05:00.000Z", "T2", 60, EMAIL_S, UA_WINDOWS),
  ],
  "2025-03-07": [eventRow({ client: "laptop", ts: "2025-03-07T09:00:00.000Z", url: "https://shop.example/", ua: UA_WINDOWS }), buy("laptop", "2025-03-07T09:05:00.000Z", "T1", 100, EMAIL_P, UA_WINDOWS)],
  "2025-03-12": [eventRow({ client: "phone", ts: "2025-03-12T09:00:00.000Z", url: "https://shop.example/", ua: UA_IPHONE }), buy("phone", "2025-03-12T09:05:00.000Z", "T3", 40, EMAIL_P, UA_IPHONE)],
};

beforeAll(async () => {
  const files = days.map((d) => csvFile(`events_${d.replace(/-/g, "")}.csv`, [eventRow({ client: "filler", ts: `${d}T12:00:00.000Z`, url: "https://shop.example/" }), ...(extra[d] ?? [])]));
  const result = runPipeline(files);
  expect(result.validation.filter((v) => !v.passed)).toEqual([]);
  saveRunResult(t.db, createRun(t.db, "cli"), result);
  process.env.DATABASE_URL = `file:${t.path}`;
  const { getCohorts } = await import("@/lib/db/queries/cohorts");
  device = (await getCohorts("device"))!;
  person = (await getCohorts("person"))!;
  byDefault = (await getCohorts())!;
}, 60_000);
afterAll(() => t.cleanup());

type Row = StoredCohorts["byChannel"][number];
const win = (row: Row, days: number) => {
  const w = row.windows.find((x) => x.days === days)!;
  return [w.observable, w.repeat, w.repeatRate, w.revenuePerCustomer];
};
const byChannel = (c: StoredCohorts) => c.byChannel.map((r) => [r.key, r.customers, ...win(r, 7)]);
const byWeek = (c: StoredCohorts) => c.byWeek.map((r) => [r.key, r.customers, ...win(r, 7)]);

describe("customer cohorts per device and per person", () => {
  it("says which view each answer is in, and how many customers per device the persons are", () => {
    expect([device.identity, person.identity, byDefault.identity]).toEqual(["device", "person", "device"]);
    expect(device.lastDay).toBe("2025-03-16");
    expect([device.customers, person.customers]).toEqual([3, 2]);
    expect(device.merge).toEqual({ deviceCustomers: 3, persons: 2 });
    expect(person.merge).toEqual({ deviceCustomers: 3, persons: 2 });
  });

  it("per device: the laptop's first touch is Direct, the phone's first purchase is too recent to judge", () => {
    expect(byChannel(device)).toEqual([
      ["Direct", 1, 1, 0, 0, 100],
      ["Email", 1, 0, 0, null, null],
      ["Paid Search", 1, 1, 0, 0, 60],
    ]);
    expect(byWeek(device)).toEqual([
      ["2025-03-03", 2, 2, 0, 0, 80],
      ["2025-03-10", 1, 0, 0, null, null],
    ]);
  });

  it("per person: one customer from Email who bought again on the phone within 7 days", () => {
    expect(byChannel(person)).toEqual([
      ["Email", 1, 1, 1, 1, 140],
      ["Paid Search", 1, 1, 0, 0, 60],
    ]);
    expect(byWeek(person)).toEqual([["2025-03-03", 2, 2, 1, 0.5, 100]]);
  });

  it("judges no window that has not ended: 14 and 30 days are not yet, never 0%", () => {
    for (const c of [device, person])
      for (const r of [...c.byChannel, ...c.byWeek])
        for (const days of [14, 30]) expect(win(r, days)).toEqual([0, 0, null, null]);
  });
});
