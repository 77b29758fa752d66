-- AlterTable
ALTER TABLE "Client" ADD COLUMN "personId" TEXT;
