import type { ActionResult } from "@/app/runs/actions";
import css from "./runs.module.css";

const STATUS_BADGE: Record<string, string> = { added: "ok", replaced: "warning", unchanged: "info" };

/** What the server did with an upload: per-file statuses, or per-file rejections. */
export function UploadResult({ result }: { result: ActionResult }) {
  if (!result.ok) {
    return (
      <div className={`callout warning ${css.result}`} role="alert">
        <p>{result.error}</p>
        {result.files && result.files.length > 0 && (
          <ul className={css.fileList}>
            {result.files.map((f) => (
              <li key={f.name}>
                <span className="mono">{f.name}</span>
                <span>{f.error}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const changed = result.files?.some((f) => f.status !== "unchanged") ?? true;
  return (
    <div className={`callout ${changed ? "ok" : ""} ${css.result}`} role="status">
      <p>{result.message}</p>
      {result.files && result.files.length > 0 && (
        <ul className={css.fileList} aria-label="Uploaded files">
          {result.files.map((f) => (
            <li key={f.name} data-status={f.status}>
              <span className="mono">{f.name}</span>
              <span className={`badge ${STATUS_BADGE[f.status] ?? "info"}`}>{f.status}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
