import { describe, expect, it } from "vitest";
import { csvFile, eventRow } from "@/test/csv-builder";
import { runPipeline } from "@/lib/pipeline";
import type { SessionRow } from "./sessions";

const run = (rows: string[][], timeout?: number) => runPipeline([csvFile("events_20250223.csv", rows)], { sessionTimeoutMinutes: timeout });
const sessionsOf = (rows: string[][], timeout?: number) => run(rows, timeout).sessions.objects() as SessionRow[];

describe("sessionize", () => {
  it("a gap of exactly 30 minutes stays in the session; one millisecond more starts a new one", () => {
    const s = sessionsOf([
      eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z" }),
      eventRow({ client: "a", ts: "2025-02-23T10:30:00.000Z" }),
      eventRow({ client: "a", ts: "2025-02-23T11:00:00.001Z" }),
    ]);
    expect(s.map((x) => x.event_count)).toEqual([2, 1]);
    expect(s[0]!.duration_sec).toBe(1800);
    expect(s.map((x) => x.session_number)).toEqual([1, 2]);
    expect(s.map((x) => x.is_returning)).toEqual([false, true]);
  });

  it("orders out-of-order rows by time before cutting", () => {
    const s = sessionsOf([
      eventRow({ client: "a", ts: "2025-02-23T10:40:00.000Z" }),
      eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z", url: "https://shop.example/landing" }),
      eventRow({ client: "a", ts: "2025-02-23T10:20:00.000Z" }),
    ]);
    expect(s).toHaveLength(1);
    expect(s[0]!.landing_page).toBe("https://shop.example/landing");
    expect(s[0]!.start_ts).toBe(Date.parse("2025-02-23T10:00:00.000Z"));
  });

  it("a session crossing midnight stays one session, dated by its start", () => {
    const r = runPipeline([
      csvFile("events_20250223.csv", [eventRow({ client: "a", ts: "2025-02-23T23:50:00.000Z" })]),
      csvFile("events_20250224.csv", [eventRow({ client: "a", ts: "2025-02-24T00:10:00.000Z" })]),
    ]);
    const s = r.sessions.objects() as SessionRow[];
    expect(s).toHaveLength(1);
    expect(s[0]!.start_date).toBe("2025-02-23");
    expect(r.dailyMetrics.map((d) => [d.day, d.events, d.sessions])).toEqual([
      ["2025-02-23", 1, 1],
      ["2025-02-24", 1, 0],
    ]);
  });

  it("single-event sessions are sessions (bounces); clients are separated", () => {
    const s = sessionsOf([eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z" }), eventRow({ client: "b", ts: "2025-02-23T10:00:10.000Z" })]);
    expect(s.map((x) => [x.client_id, x.event_count, x.duration_sec])).toEqual([
      ["a", 1, 0],
      ["b", 1, 0],
    ]);
  });

  it("events without client id are counted and left out of sessions", () => {
    const r = run([eventRow({ client: "", ts: "2025-02-23T10:00:00.000Z" }), eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z" })]);
    expect(r.noClientEvents).toBe(1);
    expect(r.sessions.numRows()).toBe(1);
    expect(r.events.array("session_id")).toEqual([null, "a:" + Date.parse("2025-02-23T10:00:00.000Z")]);
    expect(r.validation.every((v) => v.passed)).toBe(true);
  });

  it("the timeout is configurable", () => {
    const rows = [eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z" }), eventRow({ client: "a", ts: "2025-02-23T10:20:00.000Z" })];
    expect(sessionsOf(rows, 30)).toHaveLength(1);
    expect(sessionsOf(rows, 15)).toHaveLength(2);
  });

  it("sets funnel flags from the session's events", () => {
    const s = sessionsOf([
      eventRow({ client: "a", ts: "2025-02-23T10:00:00.000Z", url: "https://shop.example/products/x" }),
      eventRow({ client: "a", ts: "2025-02-23T10:01:00.000Z", event: "product_added_to_cart" }),
      eventRow({ client: "b", ts: "2025-02-23T10:00:00.000Z", url: "https://shop.example/" }),
    ]);
    expect(s.map((x) => [x.has_product_view, x.has_add_to_cart, x.has_checkout_started])).toEqual([
      [true, true, false],
      [false, false, false],
    ]);
  });
});
