/**
 * Shared types of the analytics engine. Every stage is a pure function over these shapes;
 * `lib/pipeline/index.ts` is the only public surface.
 */
import type { ColumnTable } from "arquero";

/** Canonical input columns of a daily event export (after header aliases are applied). */
export const CANONICAL_COLUMNS = [
  "client_id",
  "page_url",
  "referrer",
  "timestamp",
  "event_name",
  "event_data",
  "user_agent",
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Event names of the tracking plan, canonical spelling. `purchase` is read as `checkout_completed`. */
export const KNOWN_EVENTS = [
  "page_viewed",
  "email_filled_on_popup",
  "product_added_to_cart",
  "checkout_started",
  "checkout_completed",
] as const;
export type KnownEvent = (typeof KNOWN_EVENTS)[number];
export const EVENT_ALIASES: Record<string, KnownEvent> = { purchase: "checkout_completed" };

export type Severity = "critical" | "warning" | "info";

/** Stable finding codes; documented in docs/finding-codes.md. */
export type FindingCode =
  | "HEADER_ALIAS"
  | "MISSING_COLUMN"
  | "MALFORMED_ROW"
  | "INVALID_VALUE"
  | "NULL_CLIENT_ID"
  | "NULL_CLIENT_ID_SPIKE"
  | "INVALID_TIMESTAMP"
  | "TIMESTAMP_OUTSIDE_PARTITION"
  | "UNKNOWN_EVENT"
  | "INVALID_JSON"
  | "INVALID_PURCHASE"
  | "TRANSACTION_ID_COLLISION"
  | "DUPLICATE_ROW"
  | "REVENUE_ITEMS_MISMATCH"
  | "INVALID_ITEM_VALUE"
  | "ITEM_PRICE_MISSING"
  | "REVENUE_OUTLIER"
  | "NULL_REFERRER"
  | "BOT_TRAFFIC"
  | "TAGGING_CONFLICT";

/** Reasons a row can be quarantined (a subset of finding codes). */
export type QuarantineReason =
  | "MALFORMED_ROW"
  | "INVALID_VALUE"
  | "INVALID_TIMESTAMP"
  | "UNKNOWN_EVENT"
  | "INVALID_JSON"
  | "INVALID_PURCHASE";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** File name (e.g. `events_20250304.csv`), or null for a run-wide finding. */
  file: string | null;
  /** Partition day `YYYY-MM-DD`, or null. */
  day: string | null;
  /** Rows affected (for TRANSACTION_ID_COLLISION: transaction ids shared by different purchases; for ITEM_PRICE_MISSING: items). */
  count: number;
  /** Human-readable one-liner built from the numbers. */
  message: string;
  /** A few example rows (lineage + the offending value). */
  examples: FindingExample[];
}

export interface FindingExample {
  file: string;
  line: number;
  value: string;
}

/** One purchase item as found in `event_data.items`. */
export interface PurchaseItem {
  item_id: string | null;
  item_name: string | null;
  item_variant: string | null;
  quantity: number | null;
  item_price: number | null;
}
