/**
 * The data set: event exports stored by content hash under DATA_DIR/partitions, whoever added them
 * (command line, upload or demo). The same bytes again change nothing; a new file for a day that
 * is already stored replaces that day's partition (a file whose name carries no day replaces the
 * partition of the same name).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "@/lib/pipeline";
import { decodeContent, partitionDay } from "@/lib/pipeline/ingest";
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
  day: string | null;
  source: PartitionSource;
}

export type StoreStatus = "added" | "replaced" | "unchanged";
export type PartitionSource = "cli" | "upload" | "demo";

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const COLUMNS = `"id", "name", "hash", "bytes", "path", "day", "source"`;

/** Stores one file; call inside a transaction with the run it triggers so both land together. */
export function storePartition(db: Sqlite, name: string, bytes: Buffer, dir = dataDir(), source: PartitionSource = "upload"): { status: StoreStatus; partition: PartitionRow } {
  return storeContent(db, name, { hash: sha256(bytes), bytes: bytes.length }, (target) => {
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  }, dir, source);
}

/**
 * Stores a file already on disk (an upload's temporary file, whose SHA-256 and size were counted
 * while it streamed in): it is moved into place, not read. The temporary file should be in the
 * same file system as `dir` (DATA_DIR/tmp); otherwise it is copied. Same rules as storePartition.
 */
export function storePartitionFile(db: Sqlite, name: string, file: { path: string; hash: string; bytes: number }, dir = dataDir(), source: PartitionSource = "upload"): { status: StoreStatus; partition: PartitionRow } {
  return storeContent(db, name, { hash: file.hash, bytes: file.bytes }, (target) => {
    try {
      renameSync(file.path, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && existsSync(target)) return; // moved already by an attempt that rolled back
      if (code !== "EXDEV") throw e;
      const tmp = `${target}.tmp-${process.pid}`;
      copyFileSync(file.path, tmp);
      renameSync(tmp, target);
    }
  }, dir, source);
}

function storeContent(db: Sqlite, name: string, content: { hash: string; bytes: number }, place: (target: string) => void, dir: string, source: PartitionSource): { status: StoreStatus; partition: PartitionRow } {
  const { hash, bytes } = content;
  const same = db.prepare(`SELECT ${COLUMNS} FROM "Partition" WHERE "hash" = ?`).get(hash) as PartitionRow | undefined;
  if (same) return { status: "unchanged", partition: same };
  const day = partitionDay(name);
  const rel = join("partitions", `${hash}${/\.gz$/i.test(name) ? ".csv.gz" : ".csv"}`);
  mkdirSync(join(/* turbopackIgnore: true */ dir, "partitions"), { recursive: true });
  place(join(/* turbopackIgnore: true */ dir, rel));
  const existing = (day !== null
    ? db.prepare(`SELECT ${COLUMNS} FROM "Partition" WHERE "day" = ? OR "name" = ? ORDER BY "name" = ? DESC LIMIT 1`).get(day, name, name)
    : db.prepare(`SELECT ${COLUMNS} FROM "Partition" WHERE "name" = ?`).get(name)) as PartitionRow | undefined;
  const now = new Date().toISOString();
  if (existing) {
    db.prepare(`UPDATE "Partition" SET "name" = ?, "hash" = ?, "bytes" = ?, "path" = ?, "day" = ?, "source" = ?, "createdAt" = ?, "rows" = NULL, "loadedRows" = NULL WHERE "id" = ?`).run(name, hash, bytes, rel, day, source, now, existing.id);
    return { status: "replaced", partition: { ...existing, name, hash, bytes, path: rel, day, source } };
  }
  const info = db.prepare(`INSERT INTO "Partition" ("name", "hash", "bytes", "path", "day", "source", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`).run(name, hash, bytes, rel, day, source, now);
  return { status: "added", partition: { id: Number(info.lastInsertRowid), name, hash, bytes, path: rel, day, source } };
}

export function listPartitions(db: Sqlite): PartitionRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM "Partition" ORDER BY "name"`).all() as PartitionRow[];
}

/** Empties the data set (the command line's --fresh): every partition row goes; stored files are left for the next store to overwrite or ignore. */
export function removeAllPartitions(db: Sqlite): number {
  return db.prepare(`DELETE FROM "Partition"`).run().changes;
}

export function removePartition(db: Sqlite, id: number): PartitionRow | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM "Partition" WHERE "id" = ?`).get(id) as PartitionRow | undefined;
  if (!row) return null;
  db.prepare(`DELETE FROM "Partition" WHERE "id" = ?`).run(id);
  return row;
}

/** Every stored partition (or the given list of them) as pipeline sources: the whole data set. */
export function readPartitions(db: Sqlite, dir = dataDir(), partitions: PartitionRow[] = listPartitions(db)): SourceFile[] {
  // Decoded one file at a time, so only one file's bytes are held beside the texts.
  return partitions.map((p) => {
    const bytes = readFileSync(join(/* turbopackIgnore: true */ dir, p.path));
    return { name: p.name, content: decodeContent(bytes), bytes: bytes.length };
  });
}
