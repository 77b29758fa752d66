// Prisma without native engines: the CLI must never try to download one (see docs/TOOLCHAIN notes in README).
for (const [key, value] of Object.entries({
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
  PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
})) {
  if (!process.env[key]) process.env[key] = value;
}

import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const url = process.env.DATABASE_URL ?? "file:./dev.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url }),
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
