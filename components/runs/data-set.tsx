"use client";

import { DataSetCsv } from "@/components/ui/table-csvs";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, useTransition } from "react";
import { removePartitionAction, type ActionResult } from "@/app/runs/actions";
import type { DataSetSummary, PartitionItem } from "@/lib/db/queries/runs";
import { formatInt } from "@/lib/reports/format";
import { DateTime } from "./date-time";
import { formatBytes, sourceLabel } from "./format-run";
import { RUNS_QUERY_KEY } from "./use-runs-query";
import css from "./runs.module.css";

const plural = (n: number, one: string, many: string) => `${formatInt(n)} ${n === 1 ? one : many}`;

/** "14 days from 2025-11-18 to 2025-12-01 · 49,210 rows (48,377 loaded) · 6.1 MB". */
function Summary({ summary }: { summary: DataSetSummary }) {
  const parts: string[] = [];
  if (summary.days > 0) parts.push(summary.days === 1 ? `1 day (${summary.firstDay})` : `${plural(summary.days, "day", "days")} from ${summary.firstDay} to ${summary.lastDay}`);
  if (summary.undatedFiles > 0) parts.push(`${plural(summary.undatedFiles, "file", "files")} without a day in the name`);
  if (summary.files > summary.unprocessedFiles) parts.push(`${plural(summary.rows, "row", "rows")} (${formatInt(summary.loadedRows)} loaded)`);
  parts.push(formatBytes(summary.bytes));
  if (summary.unprocessedFiles > 0) parts.push(`${plural(summary.unprocessedFiles, "file", "files")} not yet processed`);
  return (
    <p className={css.summary} data-testid="data-set-summary">
      {parts.join(" · ")}
    </p>
  );
}

/** No files yet: how to add some. */
function Empty({ analyst }: { analyst: boolean }) {
  return (
    <div className={`callout ${css.emptyDataSet}`} data-testid="data-set-empty">
      <p>
        <b>The data set is empty.</b> Add daily event exports (one file per day, named like events_20250304.csv or .csv.gz):
      </p>
      <ul>
        <li>{analyst ? "upload them above, or" : "sign in as analyst on this page and upload them, or"}</li>
        <li>
          from the command line: <code className={`mono ${css.nowrap}`}>npm run pipeline -- &lt;files&gt;</code>
        </li>
      </ul>
    </div>
  );
}

/**
 * The data set: one row per stored daily file, with its source, rows as the published run counted
 * them, size, hash and when it was added. Analysts may remove a file after a confirmation
 * (removing one starts a run).
 */
export function DataSet({ files, summary, analyst }: { files: PartitionItem[]; summary: DataSetSummary; analyst: boolean }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  // After "Cancel", focus goes back to that row's Remove button.
  const refocus = useRef<number | null>(null);
  const cancel = () => {
    refocus.current = confirming;
    setConfirming(null);
  };

  const remove = (id: number) =>
    startTransition(async () => {
      const r = await removePartitionAction(id).catch((e: unknown): ActionResult => ({ ok: false, error: `The request failed: ${e instanceof Error ? e.message : String(e)}` }));
      setResult(r);
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: RUNS_QUERY_KEY });
    });

  return (
    <div>
      {result &&
        (result.ok ? (
          <p className="callout ok" role="status">
            {result.message}
          </p>
        ) : (
          <p className="callout warning" role="alert">
            {result.error}
          </p>
        ))}
      {files.length === 0 ? (
        <Empty analyst={analyst} />
      ) : (
        <>
          <Summary summary={summary} />
          <div className={css.scroll} role="region" aria-label="Data set (scrolls sideways)" tabIndex={0}>
            <table className={`data ${css.filesTable}`} aria-label="Data set">
              <thead>
                <tr>
                  <th>Day</th>
                  <th>File</th>
                  <th>Source</th>
                  <th className="num">Rows (loaded of input)</th>
                  <th className="num">Size</th>
                  <th>Hash</th>
                  <th>Added (UTC)</th>
                  {analyst && (
                    <th>
                      <span className={css.srOnly}>Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr key={f.id} data-file={f.name} data-day={f.day ?? undefined} data-source={f.source}>
                    <td className={css.nowrap}>{f.day ?? <span className="muted">no day</span>}</td>
                    <td className="mono">{f.name}</td>
                    <td className={css.nowrap}>{sourceLabel(f.source)}</td>
                    <td className={`num ${css.nowrap}`}>
                      {f.rows === null ? (
                        <span className="muted">not yet processed</span>
                      ) : (
                        <span title={`${formatInt(f.loadedRows)} rows loaded of ${formatInt(f.rows)} input rows`}>
                          {formatInt(f.loadedRows)} <span className="muted">of {formatInt(f.rows)}</span>
                        </span>
                      )}
                    </td>
                    <td className={`num ${css.nowrap}`}>{formatBytes(f.bytes)}</td>
                    <td>
                      <span className="mono" title={`sha256 ${f.hash}`} data-hash={f.hash}>
                        {f.shortHash}
                      </span>
                    </td>
                    <td>
                      <DateTime iso={f.createdAt} />
                    </td>
                    {analyst && (
                      <td className={css.rowActions}>
                        {confirming === f.id ? (
                          <span
                            className={css.confirm}
                            onKeyDown={(e) => {
                              if (e.key === "Escape") cancel();
                            }}
                          >
                            <span>Remove {f.name} and run again?</span>
                            <button type="button" className={`btn ${css.danger}`} onClick={() => remove(f.id)} disabled={pending} autoFocus>
                              {pending ? "Removing…" : "Yes, remove"}
                            </button>
                            <button type="button" className="btn" onClick={cancel} disabled={pending}>
                              Cancel
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            className={`btn ${css.small}`}
                            ref={(el) => {
                              if (el && refocus.current === f.id) {
                                refocus.current = null;
                                el.focus();
                              }
                            }}
                            onClick={() => setConfirming(f.id)}
                            aria-label={`Remove ${f.name}`}
                            disabled={pending}
                          >
                            Remove
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DataSetCsv files={files} />
        </>
      )}
    </div>
  );
}
