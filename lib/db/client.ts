import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./url";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The one Prisma client of the process (kept on globalThis so dev reloads do not open more). */
export const prisma: PrismaClient =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
