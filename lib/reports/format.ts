/**
 * Pure formatting helpers shared by the PDF reports and the web pages. Locale is pinned to en-US
 * and times to UTC, so the same number reads the same everywhere.
 */

const MISSING = "—";

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const usdFormats = new Map<number, Intl.NumberFormat>();

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** 33008 → "33,008" (rounded to an integer). */
export function formatInt(value: number | null | undefined): string {
  return isNumber(value) ? intFormat.format(Math.round(value)) : MISSING;
}

/** A number with a fixed count of decimals and thousands separators: (1234.5, 1) → "1,234.5". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as a percentage: 0.158 → "15.8%". */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return isNumber(ratio) ? `${formatDecimal(ratio * 100, digits)}%` : MISSING;
}

/** US dollars: 1234.5 → "$1,234.50"; with 0 digits → "$1,235". */
export function formatCurrency(value: number | null | undefined, digits = 2): string {
  if (!isNumber(value)) return MISSING;
  let f = usdFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits });
    usdFormats.set(digits, f);
  }
  return f.format(value);
}

/** Short axis labels: 950 → "950", 12500 → "12.5k", 3400000 → "3.4M". */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const trim = (x: number) => String(Number(x.toFixed(1)));
  if (abs >= 1e9) return `${trim(value / 1e9)}B`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  return abs >= 100 || Number.isInteger(value) ? formatInt(value) : String(Number(value.toPrecision(3)));
}

/** Minutes in the unit that reads best: 2.44 → "2.4 min", 1145.6 → "19.1 h", 4000 → "2.8 d". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (!isNumber(minutes)) return MISSING;
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 120) return `${formatDecimal(minutes, 1)} min`;
  if (minutes < 2880) return `${formatDecimal(minutes / 60, 1)} h`;
  return `${formatDecimal(minutes / 1440, 1)} d`;
}

/** An instant as "2025-03-04 09:15 UTC" (ISO string, epoch ms or Date). */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value == null) return MISSING;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return MISSING;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A partition day for axis labels: "2025-03-04" → "Mar 4" (other text is returned as is). */
export function formatDayShort(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[Number(m[1]) - 1] : undefined;
  return m && month ? `${month} ${Number(m[2])}` : day;
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * Axis ticks at "nice" round values (1, 2, 2.5, 5 x 10^n) covering [min, max], about `count` of
 * them. Always returns at least two ticks; an empty or flat range becomes [0, 1] or [0, max].
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    if (hi === 0) return [0, 1];
    if (lo > 0) lo = 0;
    else hi = 0;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length >= 2 ? ticks : [start, start + step];
}

const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const REPLACEMENTS: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≈": "~", "−": "-", "✓": "v", "✗": "x" };

/**
 * Text the built-in PDF fonts (Helvetica, WinAnsi encoding) can draw: common symbols become ASCII
 * look-alikes, anything else outside the encoding becomes "?".
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === "\n" || WIN_ANSI_EXTRA.includes(ch)) out += ch;
    else if (ch === "\t") out += " ";
    else out += REPLACEMENTS[ch] ?? "?";
  }
  return out;
}
