/** Shaping of preview cells on the Data page: values as text, long ones cut with the full value kept for a tooltip. */

export const PREVIEW_MAX_CHARS = 48;

export function previewText(value: string | number | null, max = PREVIEW_MAX_CHARS): { text: string; full: string | null } {
  if (value === null) return { text: "", full: null };
  const s = String(value);
  return s.length > max ? { text: `${s.slice(0, max - 1)}…`, full: s } : { text: s, full: null };
}
