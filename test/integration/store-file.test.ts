// storePartitionFile: an upload's temporary file is moved into the data set under the same rules as storePartition.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listPartitions, sha256, storePartition, storePartitionFile } from "@/lib/uploads/store";
import { dayExport } from "../csv-builder";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
afterAll(() => t.cleanup());

function tempFile(name: string, bytes: Buffer) {
  const dir = join(t.dir, "tmp", "uploads", "u");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, hash: sha256(bytes), bytes: bytes.length };
}

describe("storePartitionFile", () => {
  it("moves the file into place; the same bytes again change nothing; a new file for the day replaces it", () => {
    const first = dayExport("2025-03-01", 10, 100);
    const f = tempFile("1.upload", first);
    const added = storePartitionFile(t.db, "events_20250301.csv", f, t.dir);
    expect(added.status).toBe("added");
    expect(existsSync(f.path)).toBe(false);
    expect(readFileSync(join(t.dir, added.partition.path))).toEqual(first);
    expect(added.partition).toMatchObject({ name: "events_20250301.csv", day: "2025-03-01", hash: sha256(first), bytes: first.length, source: "upload" });

    const again = tempFile("2.upload", first);
    expect(storePartitionFile(t.db, "events_20250301.csv", again, t.dir).status).toBe("unchanged");
    expect(existsSync(again.path)).toBe(true); // left for the caller's cleanup

    const second = dayExport("2025-03-01", 12, 100);
    const replaced = storePartitionFile(t.db, "events_20250301.csv", tempFile("3.upload", second), t.dir);
    expect(replaced.status).toBe("replaced");
    expect(replaced.partition.id).toBe(added.partition.id);
    expect(listPartitions(t.db)).toHaveLength(1);
    // The buffer variant agrees with it.
    expect(storePartition(t.db, "events_20250301.csv", second, t.dir).status).toBe("unchanged");
  });
});
