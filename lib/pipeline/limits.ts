/**
 * Value limits: what the pipeline accepts before a value could not be stored or would distort a
 * number (docs/finding-codes.md, `INVALID_VALUE` and `INVALID_ITEM_VALUE`). No Node imports here.
 */

/** A CSV field longer than this (UTF-8 bytes) is not kept: the parser keeps a preview and its row is quarantined. */
export const MAX_FIELD_BYTES = 1_048_576;
/** Characters of an over-long field the parser keeps (followed by a `…[truncated: …]` marker). */
export const FIELD_PREVIEW_CHARS = 1_000;

/**
 * Highest purchase revenue accepted, in currency units per order. Revenue is stored in cents as an
 * integer: $1,000,000 is 10^8 cents, far inside a 32-bit integer column, and 90 million such
 * orders still sum exactly below 2^53 cents.
 */
export const MAX_ORDER_REVENUE = 1_000_000;
/** Highest item unit price accepted (an item priced above one whole order's ceiling is a broken value). */
export const MAX_ITEM_PRICE = 1_000_000;
/** Highest item quantity accepted per line (price x quantity then stays below 10^11, exact in cents). */
export const MAX_ITEM_QUANTITY = 100_000;

/** Timestamps are accepted from 2000-01-01T00:00:00Z up to 2099-12-31T23:59:59.999Z (UTC years). */
export const MIN_TIMESTAMP_YEAR = 2000;
export const MAX_TIMESTAMP_YEAR = 2099;

/** A quarantined row keeps each value up to this many characters (then a `…[truncated: …]` marker). */
export const MAX_STORED_VALUE_CHARS = 65_536;
/** Details and example values shown with a finding or a quarantined row are cut at this length. */
export const MAX_DETAIL_CHARS = 300;

/** Shown in place of a NUL character (U+0000) in stored details and values: SQLite text ends at a NUL. */
export const NUL_SYMBOL = "\u2400";

/**
 * A value made safe to store and show: NUL characters become ␀ and text longer than `max` is cut,
 * with a marker giving its full length. Returns the value itself (no copy) when nothing is wrong.
 */
export function storableText(value: string, max: number): string {
  const clean = value.includes("\u0000") ? value.replaceAll("\u0000", NUL_SYMBOL) : value;
  return clean.length > max ? `${clean.slice(0, max)}…[truncated: ${value.length} characters]` : clean;
}
