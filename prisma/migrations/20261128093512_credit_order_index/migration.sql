-- DropIndex
DROP INDEX "AttributionCredit_runId_model_lookbackDays_idx";

-- CreateIndex
CREATE INDEX "AttributionCredit_runId_model_lookbackDays_orderId_idx" ON "AttributionCredit"("runId", "model", "lookbackDays", "orderId");
