import { formatDateTime } from "@/lib/reports/format";
import css from "./runs.module.css";

/** "2026-11-28 09:11" (UTC, said by the column head) that wraps only between the date and the time. */
export function DateTime({ iso }: { iso: string }) {
  const [day, time] = formatDateTime(iso).replace(" UTC", "").split(" ");
  return (
    <time dateTime={iso}>
      <span className={css.nowrap}>{day}</span> <span className={css.nowrap}>{time}</span>
    </time>
  );
}
