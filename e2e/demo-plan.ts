import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemo, type DemoResult } from "../lib/demo/generator";

/** scripts/setup-db.ts: 14 days ending yesterday (UTC), 3,500 events a day, seed 42. */
const DEMO = { days: 14, eventsPerDay: 3500, seed: 42, endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) };

let plan: Promise<DemoResult["planted"]> | null = null;

/** What the generator planted in the e2e database's demo data (made again with setup-db's settings, then removed). */
export function demoPlan(): Promise<DemoResult["planted"]> {
  plan ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "e2e-demo-plan-"));
    try {
      return (await generateDemo(DEMO, dir)).planted;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return plan;
}
