/**
 * The data set: uploaded exports stored by content hash under DATA_DIR/partitions. The same bytes
 * uploaded again change nothing; a new file under an existing name replaces that partition.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "@/lib/pipeline";
import type { Sqlite } from "@/lib/db/sqlite";

export function dataDir(): string {
  return process.env.DATA_DIR ?? join(process.cwd(), "data");
}

export interface PartitionRow {
  id: number;
  name: string;
  hash: string;
  bytes: number;
  path: string;
}

export type StoreStatus = "added" | "replaced" | "unchanged";

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function storePartition(db: Sqlite, name: string, bytes: Buffer, dir = dataDir()): { status: StoreStatus; partition: PartitionRow } {
  const hash = sha256(bytes);
  const same = db.prepare(`SELECT * FROM "Partition" WHERE "hash" = ?`).get(hash) as PartitionRow | undefined;
  if (same) return { status: "unchanged", partition: same };
  const rel = join("partitions", `${hash}${/\.gz$/i.test(name) ? ".csv.gz" : ".csv"}`);
  mkdirSync(join(dir, "partitions"), { recursive: true });
  const tmp = join(dir, `${rel}.tmp-${process.pid}`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(dir, rel));
  const existing = db.prepare(`SELECT * FROM "Partition" WHERE "name" = ?`).get(name) as PartitionRow | undefined;
  if (existing) {
    db.prepare(`UPDATE "Partition" SET "hash" = ?, "bytes" = ?, "path" = ?, "createdAt" = ? WHERE "id" = ?`).run(hash, bytes.length, rel, new Date().toISOString(), existing.id);
    return { status: "replaced", partition: { ...existing, hash, bytes: bytes.length, path: rel } };
  }
  const info = db.prepare(`INSERT INTO "Partition" ("name", "hash", "bytes", "path", "createdAt") VALUES (?, ?, ?, ?, ?)`).run(name, hash, bytes.length, rel, new Date().toISOString());
  return { status: "added", partition: { id: Number(info.lastInsertRowid), name, hash, bytes: bytes.length, path: rel } };
}

export function listPartitions(db: Sqlite): PartitionRow[] {
  return db.prepare(`SELECT "id", "name", "hash", "bytes", "path" FROM "Partition" ORDER BY "name"`).all() as PartitionRow[];
}

export function removePartition(db: Sqlite, id: number): PartitionRow | null {
  const row = db.prepare(`SELECT * FROM "Partition" WHERE "id" = ?`).get(id) as PartitionRow | undefined;
  if (!row) return null;
  db.prepare(`DELETE FROM "Partition" WHERE "id" = ?`).run(id);
  return row;
}

/** Every stored partition as pipeline sources (the whole data set). */
export function readPartitions(db: Sqlite, dir = dataDir()): SourceFile[] {
  return listPartitions(db).map((p) => ({ name: p.name, content: readFileSync(join(dir, p.path)) }));
}
