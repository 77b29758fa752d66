import { describe, expect, it } from "vitest";
import { csvStreamResponse } from "./csv-stream";

function* numbered(n: number, log: string[]) {
  try {
    for (let i = 1; i <= n; i++) yield [i, i % 2 ? "=cmd" : `row ${i}`, null];
  } finally {
    log.push("iterator done");
  }
}

describe("csvStreamResponse", () => {
  it("streams every row in batches, neutralised, then closes", async () => {
    const log: string[] = [];
    const res = csvStreamResponse("t.csv", ["n", "text", "empty"], numbered(2500, log), () => log.push("closed"), 1000);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="t.csv"');
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(2501);
    expect(lines[0]).toBe("n,text,empty");
    expect(lines[1]).toBe("1,'=cmd,");
    expect(lines[2500]).toBe("2500,row 2500,");
    expect(log).toEqual(["iterator done", "closed"]);
  });

  it("closes when the download is cancelled part-way", async () => {
    const log: string[] = [];
    const res = csvStreamResponse("t.csv", ["n"], numbered(1_000_000, log), () => log.push("closed"), 100);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(log).toEqual(["iterator done", "closed"]);
  });

  it("closes and errors the stream when reading fails", async () => {
    const log: string[] = [];
    const failing: Iterator<unknown[]> = { next: () => { throw new Error("disk gone"); } };
    const res = csvStreamResponse("t.csv", ["n"], failing, () => log.push("closed"));
    await expect(res.text()).rejects.toThrow("disk gone");
    expect(log).toEqual(["closed"]);
  });
});
