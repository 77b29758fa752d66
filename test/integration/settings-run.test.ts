/**
 * The data set's settings reach the numbers: a run executed from the queue uses the stored session
 * timeout and the store's other domains, and records them in its report (what the pages' note reads).
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeSetting } from "@/lib/db/settings";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { storePartition } from "@/lib/uploads/store";
import { definitionsText } from "@/lib/views/definitions";
import { csvFile, eventRow } from "../csv-builder";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
afterAll(() => t.cleanup());

// Client a: page views at 09:00 and 09:40 (a 40-minute gap). Client b lands from the payment
// provider's domain. By hand: 30 minutes gives a 2 sessions + b 1 = 3, a's second is returning;
// 45 minutes gives 2. b is a Referral unless pay.example.net is one of the store's domains.
const file = csvFile("events_20250301.csv", [
  eventRow({ client: "a", ts: "2025-03-01T09:00:00.000Z" }),
  eventRow({ client: "a", ts: "2025-03-01T09:40:00.000Z" }),
  eventRow({ client: "b", ts: "2025-03-01T10:00:00.000Z", referrer: "https://pay.example.net/return" }),
]);

function publish() {
  enqueueRun(t.db, "rerun");
  drainQueue(t.db, t.dir);
  const run = t.db.prepare(`SELECT "id", "reportJson" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { id: number; reportJson: string };
  const sessions = t.db.prepare(`SELECT "clientId", "channel" FROM "Session" ORDER BY "clientId", "startMs"`).all() as { clientId: string; channel: string }[];
  return { report: JSON.parse(run.reportJson) as Parameters<typeof definitionsText>[0], sessions };
}

describe("settings shape the run", () => {
  it("defaults: 30-minute sessions, the payment domain is a referral", () => {
    storePartition(t.db, file.name, Buffer.from(file.content as string), t.dir);
    const { report, sessions } = publish();
    expect(sessions).toEqual([
      { clientId: "a", channel: "Direct" },
      { clientId: "a", channel: "Direct" },
      { clientId: "b", channel: "Referral" },
    ]);
    expect(definitionsText(report)).toContain("a session ends after 30 minutes without an event");
  });

  it("45 minutes and pay.example.net as the store's own: one session for a, b is Direct", () => {
    writeSetting(t.db, "sessionTimeoutMinutes", 45, "test");
    writeSetting(t.db, "ownDomains", ["pay.example.net"], "test");
    const { report, sessions } = publish();
    expect(sessions).toEqual([
      { clientId: "a", channel: "Direct" },
      { clientId: "b", channel: "Direct" },
    ]);
    const text = definitionsText(report)!;
    expect(text).toContain("a session ends after 45 minutes without an event");
    expect(text).toContain("pay.example.net are the store's own, not referrals");
  });
});
