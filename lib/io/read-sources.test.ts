import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { decodeContent } from "@/lib/pipeline/ingest";
import { readSources, readDecodedSources } from "./read-sources";

const dir = mkdtempSync(join(tmpdir(), "read-sources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = (day: number) => `\uFEFFclient_id,page_url,referrer,timestamp,event_name,event_data,user_agent\nc${day},https://shop.example/é,,2025-03-0${day}T10:00:00Z,page_viewed,"{""a"":1}",UA\n`;
for (const day of [1, 2, 3, 4, 5]) writeFileSync(join(dir, `events_2025030${day}.csv`), text(day));
writeFileSync(join(dir, "events_20250306.csv.gz"), gzipSync(text(6)));

describe("readDecodedSources", () => {
  it("gives the same files, in the same order, as the sequential reader: decoded text (gzip too) and the stored size", async () => {
    const sequential = readSources([dir]);
    const parallel = await readDecodedSources([dir]);
    expect(parallel.map((s) => s.name)).toEqual(sequential.map((s) => s.name));
    expect(parallel.map((s) => s.content)).toEqual(sequential.map((s) => decodeContent(s.content)));
    expect(parallel.map((s) => s.bytes)).toEqual(sequential.map((s) => (s.content as Buffer).length));
    expect(parallel[5]!.content).toBe(text(6));
  });

  it("a file that cannot be read fails with its path in the message", async () => {
    await expect(readDecodedSources([join(dir, "missing.csv")])).rejects.toThrow(/missing\.csv/);
    await expect(readDecodedSources([join(dir, "events_20250301.csv"), dir + "/nope.csv"])).rejects.toThrow(/nope\.csv/);
  });
});
