const DAY_MS = 86_400_000;
const dayText = new Map<number, string>();

/** `YYYY-MM-DD` (UTC) of an epoch-ms time; one Date per distinct day, not one per row. */
export function utcDay(ts: number): string {
  const d = Math.floor(ts / DAY_MS);
  let text = dayText.get(d);
  if (text === undefined) dayText.set(d, (text = new Date(d * DAY_MS).toISOString().slice(0, 10)));
  return text;
}
