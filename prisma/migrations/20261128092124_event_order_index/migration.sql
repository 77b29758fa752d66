-- CreateIndex
CREATE INDEX "Event_runId_eventId_idx" ON "Event"("runId", "eventId");
