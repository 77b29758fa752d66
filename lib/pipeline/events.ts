/**
 * The loaded events as an Arquero table (one row per loaded input row, lineage kept), and the
 * quarantined rows with their reasons.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { FileInfo, RawRows } from "./ingest";
import type { NormalizedRows } from "./normalize";
import { FATE_QUARANTINED, type QualityResult } from "./quality";
import type { QuarantineReason } from "./types";
import { utcDay } from "./day";
import { MAX_STORED_VALUE_CHARS, storableText } from "./limits";

/** Columns of the events table. */
export interface EventRow {
  event_id: number;
  file: string;
  line: number;
  client_id: string | null;
  ts: number;
  event_date: string;
  event_name: string;
  page_url: string | null;
  page_host: string | null;
  page_path: string | null;
  /** Query parameters of the page URL (`{}` when none); shared, never mutate. Read by sessionization, which drops the column. */
  page_params: Record<string, string>;
  referrer: string | null;
  referrer_domain: string | null;
  device_type: string;
  os: string;
  browser: string;
  /** Robot family of the user agent (crawler or automation), null for a person's browser. */
  bot_family: string | null;
  /** The event's file has no referrer column: its referrer is unknown, not empty. */
  referrer_missing: boolean;
  transaction_id: string | null;
  revenue: number | null;
  /** Purchase items as JSON text, null for other events. */
  items: string | null;
}

export function buildEventsTable(files: FileInfo[], raw: RawRows, rows: NormalizedRows, loaded: Int32Array): ColumnTable {
  const n = loaded.length;
  const cols = {
    event_id: new Int32Array(n),
    file: new Array<string>(n),
    line: new Int32Array(n),
    client_id: new Array<string | null>(n),
    ts: new Float64Array(n),
    event_date: new Array<string>(n),
    event_name: new Array<string>(n),
    page_url: new Array<string | null>(n),
    page_host: new Array<string | null>(n),
    page_path: new Array<string | null>(n),
    page_params: new Array<Record<string, string>>(n),
    referrer: new Array<string | null>(n),
    referrer_domain: new Array<string | null>(n),
    device_type: new Array<string>(n),
    os: new Array<string>(n),
    browser: new Array<string>(n),
    bot_family: new Array<string | null>(n),
    referrer_missing: new Array<boolean>(n),
    transaction_id: new Array<string | null>(n),
    revenue: new Array<number | null>(n),
    items: new Array<string | null>(n),
  };
  const noReferrer = files.map((f) => f.missingColumns.includes("referrer"));
  for (let k = 0; k < n; k++) {
    const r = loaded[k]!;
    const t = rows.ts[r]!;
    const url = rows.url[r]!;
    const device = rows.device[r]!;
    const p = rows.purchase[r];
    cols.event_id[k] = r;
    cols.file[k] = files[raw.fileIndex[r]!]!.name;
    cols.line[k] = raw.line[r]!;
    cols.client_id[k] = rows.clientId[r]!;
    cols.ts[k] = t;
    cols.event_date[k] = utcDay(t);
    cols.event_name[k] = rows.eventName[r]!;
    cols.page_url[k] = raw.columns.page_url[r] || null;
    cols.page_host[k] = url.host;
    cols.page_path[k] = url.path;
    cols.page_params[k] = url.params;
    cols.referrer[k] = raw.columns.referrer[r] || null;
    cols.referrer_domain[k] = rows.referrerDomain[r]!;
    cols.device_type[k] = device.deviceType;
    cols.os[k] = device.os;
    cols.browser[k] = device.browser;
    cols.bot_family[k] = device.bot;
    cols.referrer_missing[k] = noReferrer[raw.fileIndex[r]!]!;
    cols.transaction_id[k] = p?.transactionId ?? null;
    cols.revenue[k] = p?.revenue ?? null;
    cols.items[k] = p ? JSON.stringify(p.items) : null;
  }
  return aq.table(cols);
}

export interface QuarantinedRow {
  file: string;
  line: number;
  reason: QuarantineReason;
  detail: string;
  /**
   * The row's values under the canonical column names (null where the file lacks the column), made
   * storable: NUL characters shown as ␀, values cut at MAX_STORED_VALUE_CHARS with a marker.
   */
  values: Record<string, string | null>;
}

export function quarantinedRows(files: FileInfo[], raw: RawRows, quality: QualityResult): QuarantinedRow[] {
  const out: QuarantinedRow[] = [];
  for (let r = 0; r < raw.length; r++) {
    if (quality.fate[r] !== FATE_QUARANTINED) continue;
    const values: Record<string, string | null> = {};
    for (const [name, col] of Object.entries(raw.columns)) {
      const v = col[r] ?? null;
      values[name] = v === null ? null : storableText(v, MAX_STORED_VALUE_CHARS);
    }
    out.push({
      file: files[raw.fileIndex[r]!]!.name,
      line: raw.line[r]!,
      reason: quality.reasons[r]!,
      detail: quality.details[r] ?? "",
      values,
    });
  }
  return out;
}
