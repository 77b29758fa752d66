/**
 * Persists a PipelineResult. `createRun` records a run as queued/running; `saveRunResult` writes
 * every table of the run and marks it succeeded in ONE transaction, so a failure part-way leaves
 * the previous run as the current one; `failRun` records the error.
 */
import type { PipelineResult } from "@/lib/pipeline";
import type { Sqlite } from "./sqlite";

export type RunTrigger = "cli" | "upload" | "demo" | "rerun";

export function createRun(db: Sqlite, trigger: RunTrigger, status: "queued" | "running" = "running"): number {
  const info = db
    .prepare(`INSERT INTO "Run" ("status", "trigger", "startedAtMs", "createdAt") VALUES (?, ?, ?, ?)`)
    .run(status, trigger, status === "running" ? Date.now() : null, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

export function updateRunProgress(db: Sqlite, runId: number, stage: string, progress: number): void {
  db.prepare(`UPDATE "Run" SET "stage" = ?, "progress" = ? WHERE "id" = ?`).run(stage, progress, runId);
}

export function failRun(db: Sqlite, runId: number, error: string): void {
  db.prepare(`UPDATE "Run" SET "status" = 'failed', "error" = ?, "finishedAtMs" = ? WHERE "id" = ?`).run(error, Date.now(), runId);
}

/** The report stored as JSON on the run: the parts of the result that pages show as they are. */
export function runReport(result: PipelineResult) {
  return {
    gaps: result.gaps,
    daily: result.daily,
    revenueOutlierThreshold: result.quality.revenueOutlierThreshold,
  };
}
export type RunReport = ReturnType<typeof runReport>;

/** Hook for tests: called between table writes, to prove a failure mid-way rolls everything back. */
export interface SaveHooks {
  afterTable?: (table: string) => void;
}

export function saveRunResult(db: Sqlite, runId: number, result: PipelineResult, hooks: SaveHooks = {}): void {
  const acc = result.quality.accounting;
  const write = db.transaction(() => {
    const file = db.prepare(
      `INSERT INTO "SourceFile" ("runId","name","day","rows","bytes","headerVariant","missingColumns","loadedRows","quarantinedRows","duplicateRows","nullClientIdRows","nullClientIdRate","nullReferrerRate","cleanRows","score") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    result.quality.files.forEach((q, i) => {
      const info = result.files[i]!;
      file.run(runId, q.file, q.day, q.inputRows, info.bytes, q.headerVariant, JSON.stringify(q.missingColumns), q.loadedRows, q.quarantinedRows, q.duplicateRows, q.nullClientIdRows, q.nullClientIdRate, q.nullReferrerRate, q.cleanRows, q.score);
    });
    hooks.afterTable?.("SourceFile");

    const finding = db.prepare(
      `INSERT INTO "Finding" ("runId","code","severity","file","day","count","message","examplesJson") VALUES (?,?,?,?,?,?,?,?)`,
    );
    for (const f of result.quality.findings) finding.run(runId, f.code, f.severity, f.file, f.day, f.count, f.message, JSON.stringify(f.examples));
    hooks.afterTable?.("Finding");

    const quarantined = db.prepare(`INSERT INTO "QuarantinedRow" ("runId","file","line","reason","detail","valuesJson") VALUES (?,?,?,?,?,?)`);
    for (const q of result.quarantined) quarantined.run(runId, q.file, q.line, q.reason, q.detail, JSON.stringify(q.values));
    hooks.afterTable?.("QuarantinedRow");

    const event = db.prepare(
      `INSERT INTO "Event" ("runId","eventId","file","line","clientId","tsMs","eventDate","eventName","pageUrl","pagePath","referrer","referrerDomain","deviceType","os","browser","transactionId","revenue","itemsJson") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const ev = result.events;
    const col = (name: string) => ev.getter(name);
    const get = ["event_id", "file", "line", "client_id", "ts", "event_date", "event_name", "page_url", "page_path", "referrer", "referrer_domain", "device_type", "os", "browser", "transaction_id", "revenue", "items"].map(col);
    const n = ev.numRows();
    const values = new Array<unknown>(get.length + 1);
    values[0] = runId;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < get.length; c++) values[c + 1] = get[c]!(r);
      event.run(values);
    }
    hooks.afterTable?.("Event");

    db.prepare(
      `UPDATE "Run" SET "status"='succeeded', "stage"='done', "progress"=1, "finishedAtMs"=?, "inputRows"=?, "loadedRows"=?, "quarantinedRows"=?, "duplicateRows"=?, "timingsJson"=?, "reportJson"=? WHERE "id"=?`,
    ).run(Date.now(), acc.inputRows, acc.loadedRows, acc.quarantinedRows, acc.duplicateRows, JSON.stringify(result.timingsMs), JSON.stringify(runReport(result)), runId);
  });
  write();
}
