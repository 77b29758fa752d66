/**
 * Integration (issue 13, "people across devices"): generated data with planted cross-device
 * journeys (lib/demo/generator.ts, `planted.crossDevice`). A person clicks an ad or an email on the
 * phone and leaves the email there, then buys days later on a computer, typed in. Under first click
 * at the default 7-day lookback, the person-level model credits the planted first touch with the
 * order's revenue; the device-level model only sees the computer's Direct session. Every expected
 * value comes from the generator's plan, not from the pipeline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo, type DemoOptions, type DemoResult } from "@/lib/demo/generator";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";

const LOOKBACK = 7; // the default lookback; every planted purchase is 1-5 days after its first touch

interface CreditRow { order_id: string; model: string; lookback_days: number; channel: string; revenue_cents: number }
interface OrderRow { order_id: string; transaction_id: string; client_id: string; revenue_cents: number; person_id: string; person_devices: number; person_session_number: number; person_first_seen: number }
interface SessionRow { client_id: string; start_ts: number; channel: string }

const cases: { name: string; opts: DemoOptions }[] = [
  // The settings `npm start` loads (scripts/setup-db.ts; its end date is yesterday, which moves the dates, not the plan).
  { name: "the demo's settings (default rate)", opts: { days: 14, eventsPerDay: 3500, seed: 42, endDate: "2025-03-14" } },
  // Many journeys: every first-touch channel, first touches in the file without a referrer column.
  { name: "a high rate", opts: { days: 7, eventsPerDay: 2500, seed: 3, endDate: "2025-03-07", crossDeviceRate: 0.5 } },
];

describe.each(cases)("pipeline on generated cross-device journeys: $name", ({ opts }) => {
  let dir: string;
  let demo: DemoResult;
  let result: PipelineResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cross-device-"));
    demo = await generateDemo(opts, dir);
    result = runPipeline(readSources([dir]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rows = <T,>(table: { objects(): object[] }) => table.objects() as T[];
  const orderOf = (txId: string) => {
    const found = rows<OrderRow>(result.orders).filter((o) => o.transaction_id === txId);
    expect(found, txId).toHaveLength(1);
    return found[0]!;
  };
  const firstClick = (credits: CreditRow[], orderId: string) =>
    credits.filter((c) => c.order_id === orderId && c.model === "first_click" && c.lookback_days === LOOKBACK).map((c) => [c.channel, c.revenue_cents]);

  it("plants some (so the checks below are not vacuous)", () => {
    expect(demo.planted.crossDevice.length).toBeGreaterThan(0);
    expect(result.validation.filter((v) => !v.passed)).toEqual([]);
  });

  it("per person, first click credits the planted first touch with the order's revenue; per device, the order is Direct", () => {
    const person = rows<CreditRow>(result.attributionByPerson.orderCredits);
    const device = rows<CreditRow>(result.credits);
    for (const j of demo.planted.crossDevice) {
      const cents = Math.round(j.revenue * 100);
      const order = orderOf(j.orderTransactionId);
      expect([order.client_id, order.revenue_cents]).toEqual([j.buyClient, cents]);
      expect(firstClick(person, order.order_id), j.orderTransactionId).toEqual([[j.firstChannel, cents]]);
      // The computer's only session is the typed-in visit of the purchase: Direct, whatever the window.
      expect(firstClick(device, order.order_id), j.orderTransactionId).toEqual([["Direct", cents]]);
      expect(j.firstChannel).not.toBe("Direct");
    }
  });

  it("the phone's session has the planted channel, and the order belongs to a person of both devices", () => {
    const sessions = rows<SessionRow>(result.sessions);
    for (const j of demo.planted.crossDevice) {
      expect(sessions.filter((s) => s.client_id === j.firstClient).map((s) => [s.start_ts, s.channel])).toEqual([[j.firstTs, j.firstChannel]]);
      expect(sessions.filter((s) => s.client_id === j.buyClient).map((s) => [s.start_ts, s.channel])).toEqual([[j.buyTs, "Direct"]]);
      const order = orderOf(j.orderTransactionId);
      // A person's id is the smallest of its client ids (lib/pipeline/identity.ts); the purchase is
      // the person's 2nd session, and the person was first seen on the phone.
      expect([order.person_id, order.person_devices, order.person_session_number, order.person_first_seen])
        .toEqual([[j.firstClient, j.buyClient].sort()[0], 2, 2, j.firstTs]);
    }
  });

  it("counts exactly the planted cross-device buyers, and only their first-click orders change channel", () => {
    // Exact, not "at least": every other visitor's email is derived from its own client id, so the
    // planted pairs are the only clients sharing an email (lib/demo/generator.test.ts re-reads the
    // files to check that), and each planted person buys once.
    const n = demo.planted.crossDevice.length;
    expect(result.identity.multiDevicePersons).toBe(n);
    expect(result.identity.multiDeviceBuyers).toBe(n);
    expect(result.identity.persons).toBe(result.identity.clients - n);
    // First click moves each planted order from Direct to its first touch; last click stays on the
    // computer's Direct session for all of them.
    expect(result.attributionByPerson.changedOrders).toEqual({ first_click: n, last_click: 0 });
  });
});
