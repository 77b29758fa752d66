/**
 * A direct better-sqlite3 connection for the write path. Saving a run inserts tens of thousands
 * to millions of rows; prepared statements inside one SQLite transaction do that in a fraction
 * of the time Prisma's createMany needs, and the transaction makes the run atomic. Reads go
 * through Prisma (lib/db/client.ts). Schema and migrations stay Prisma's.
 */
import Database from "better-sqlite3";
import { databasePath } from "./url";

export type Sqlite = Database.Database;

export function openSqlite(path = databasePath()): Sqlite {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}
