/**
 * The quality stage: runs every check, decides each row's fate (loaded, quarantined with a
 * reason, or dropped as an exact duplicate), accounts for every input row and scores each file.
 */
import type { FileInfo, RawRows } from "../ingest";
import type { NormalizedRows } from "../normalize";
import type { Finding, QuarantineReason } from "../types";
import type { CheckContext, CheckResult, LoadedContext } from "./context";
import { findDuplicates } from "./duplicates";
import { checkHeaderAliases, checkMissingColumns } from "./file-checks";
import {
  checkInvalidItemValues,
  checkNullClientIds,
  checkNullReferrer,
  checkOutsidePartition,
  checkRevenueItemsMismatch,
  checkRevenueOutliers,
  checkTransactionIdCollisions,
} from "./loaded-checks";
import { checkItemPriceMissing } from "./item-checks";
import { checkInvalidJsonKept, checkRows } from "./row-checks";

export const FATE_LOADED = 0;
export const FATE_QUARANTINED = 1;
export const FATE_DUPLICATE = 2;

export interface Accounting {
  inputRows: number;
  loadedRows: number;
  quarantinedRows: number;
  duplicateRows: number;
  /** input = loaded + quarantined + duplicates */
  balanced: boolean;
}

export interface FileQuality extends Accounting {
  file: string;
  day: string | null;
  headerVariant: FileInfo["headerVariant"];
  missingColumns: string[];
  nullClientIdRows: number;
  nullClientIdRate: number;
  nullReferrerRows: number;
  /** null when the file has no referrer column at all. */
  nullReferrerRate: number | null;
  cleanRows: number;
  score: number;
}

export const SCORE_RULE =
  "Score = 100 x clean rows / input rows, minus 10 per missing column (floor 0). A clean row is loaded, has a client id and carries no flag (outside its day, payload unreadable, transaction id collision, revenue/items mismatch, item value dropped, revenue outlier).";

export interface QualityResult {
  findings: Finding[];
  /** Per input row: FATE_LOADED, FATE_QUARANTINED or FATE_DUPLICATE. */
  fate: Uint8Array;
  /** Per input row: the quarantine reason, or null. */
  reasons: (QuarantineReason | null)[];
  /** Per input row: what was wrong, in words (null when not quarantined). */
  details: (string | null)[];
  /** Indexes of the loaded rows, in input order. */
  loaded: Int32Array;
  accounting: Accounting;
  files: FileQuality[];
  revenueOutlierThreshold: number | null;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export function runQuality(files: FileInfo[], raw: RawRows, rows: NormalizedRows): QualityResult {
  const ctx: CheckContext = { files, raw, rows };
  const n = raw.length;
  const rowCheck = checkRows(ctx);
  const fate = new Uint8Array(n);
  const candidates: number[] = [];
  for (let r = 0; r < n; r++) {
    if (rowCheck.reasons[r] !== null) fate[r] = FATE_QUARANTINED;
    else candidates.push(r);
  }
  const dup = findDuplicates(ctx, candidates);
  for (const r of dup.duplicates) fate[r] = FATE_DUPLICATE;
  const loaded = Int32Array.from(candidates.filter((r) => !dup.duplicates.has(r)));
  const lctx: LoadedContext = { ...ctx, loaded };

  const outliers = checkRevenueOutliers(lctx);
  const results: CheckResult[] = [
    checkHeaderAliases(ctx),
    checkMissingColumns(ctx),
    rowCheck,
    dup,
    checkInvalidJsonKept(ctx, loaded),
    checkNullClientIds(lctx),
    checkOutsidePartition(lctx),
    checkTransactionIdCollisions(lctx),
    checkRevenueItemsMismatch(lctx),
    checkInvalidItemValues(lctx),
    checkItemPriceMissing(lctx),
    outliers,
    checkNullReferrer(lctx),
  ];
  const findings = results
    .flatMap((r) => r.findings)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file ?? "").localeCompare(b.file ?? ""));

  const flagged = new Uint8Array(n);
  for (const res of results) for (const r of res.flagged ?? []) flagged[r] = 1;

  const perFile = files.map((f) => ({
    file: f,
    input: 0,
    loaded: 0,
    quarantined: 0,
    duplicates: 0,
    nullClient: 0,
    nullReferrer: 0,
    clean: 0,
  }));
  for (let r = 0; r < n; r++) {
    const s = perFile[raw.fileIndex[r]!]!;
    s.input++;
    if (fate[r] === FATE_QUARANTINED) s.quarantined++;
    else if (fate[r] === FATE_DUPLICATE) s.duplicates++;
    else {
      s.loaded++;
      if (rows.clientId[r] === null) s.nullClient++;
      if (!raw.columns.referrer[r]) s.nullReferrer++;
      if (!flagged[r]) s.clean++;
    }
  }
  const fileQuality: FileQuality[] = perFile.map((s) => {
    const missing = s.file.missingColumns;
    const base = s.input > 0 ? (100 * s.clean) / s.input : 100;
    return {
      file: s.file.name,
      day: s.file.day,
      headerVariant: s.file.headerVariant,
      missingColumns: [...missing],
      inputRows: s.input,
      loadedRows: s.loaded,
      quarantinedRows: s.quarantined,
      duplicateRows: s.duplicates,
      balanced: s.input === s.loaded + s.quarantined + s.duplicates,
      nullClientIdRows: s.nullClient,
      nullClientIdRate: s.loaded > 0 ? s.nullClient / s.loaded : 0,
      nullReferrerRows: s.nullReferrer,
      nullReferrerRate: missing.includes("referrer") ? null : s.loaded > 0 ? s.nullReferrer / s.loaded : 0,
      cleanRows: s.clean,
      score: Math.max(0, Math.round((base - 10 * missing.length) * 10) / 10),
    };
  });
  const total = fileQuality.reduce(
    (a, f) => ({
      inputRows: a.inputRows + f.inputRows,
      loadedRows: a.loadedRows + f.loadedRows,
      quarantinedRows: a.quarantinedRows + f.quarantinedRows,
      duplicateRows: a.duplicateRows + f.duplicateRows,
    }),
    { inputRows: 0, loadedRows: 0, quarantinedRows: 0, duplicateRows: 0 },
  );
  const accounting: Accounting = {
    ...total,
    balanced: total.inputRows === n && n === total.loadedRows + total.quarantinedRows + total.duplicateRows,
  };
  return { findings, fate, reasons: rowCheck.reasons, details: rowCheck.details, loaded, accounting, files: fileQuality, revenueOutlierThreshold: outliers.threshold };
}
