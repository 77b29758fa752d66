/**
 * The command line's PDF reports are the web app's: rendered from the same queries and report
 * modules, they start with %PDF and carry the same text as the web routes' downloads (but for the
 * generation time).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline } from "@/lib/pipeline";
import { sampleExportDir } from "../sample-export";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
const out = mkdtempSync(join(tmpdir(), "cli-pdf-"));
let files: string[] = [];

/** Text of a PDF without the lines that carry the generation time. */
function pdfText(bytes: Buffer): string {
  const path = join(out, `x-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" })
    .split("\n")
    .filter((l) => !/Generated|generated/.test(l))
    .join("\n");
}

beforeAll(async () => {
  const result = runPipeline(readSources([sampleExportDir()]), { now: Date.parse("2025-03-04T06:00:00Z") });
  saveRunResult(t.db, createRun(t.db, "cli"), result);
  process.env.DATABASE_URL = `file:${t.path}`;
  process.env.MONITORING_NOW = "2025-03-04T06:00:00Z";
  const { writeReports } = await import("@/scripts/write-reports");
  files = await writeReports(out);
}, 120_000);
afterAll(() => t.cleanup());

describe("reports from the command line", () => {
  it("writes the four PDF reports", () => {
    expect(files).toEqual(["data-quality-run-1.pdf", "executive-summary-run-1.pdf", "attribution-run-1.pdf", "monitoring-run-1.pdf"]);
    for (const f of files) expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("match the web's downloads in content", async () => {
    const routes: [string, string, string][] = [
      ["data-quality-run-1.pdf", "@/app/api/reports/data-quality/route", "http://x/api/reports/data-quality"],
      ["executive-summary-run-1.pdf", "@/app/api/reports/executive/route", "http://x/api/reports/executive?model=last_click"],
      ["attribution-run-1.pdf", "@/app/api/reports/attribution/route", "http://x/api/reports/attribution?a=first_click&b=last_click&lookback=7"],
      ["monitoring-run-1.pdf", "@/app/api/reports/monitoring/route", "http://x/api/reports/monitoring"],
    ];
    for (const [file, module, url] of routes) {
      const { GET } = (await import(module)) as { GET: (r: Request) => Promise<Response> };
      const res = await GET(new Request(url));
      expect(res.status).toBe(200);
      const web = pdfText(Buffer.from(await res.arrayBuffer()));
      const cli = pdfText(readFileSync(join(out, file)));
      expect(cli).toBe(web);
    }
  }, 120_000);

  it("carry the run's figures", () => {
    const text = pdfText(readFileSync(join(out, "data-quality-run-1.pdf")));
    expect(text).toContain("33,008");
    expect(pdfText(readFileSync(join(out, "executive-summary-run-1.pdf")))).toContain("$196,763");
  });
});
