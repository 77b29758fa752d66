"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, useTransition } from "react";
import { removePartitionAction, type ActionResult } from "@/app/runs/actions";
import type { RunsData } from "@/lib/db/queries/runs";
import { formatDateTime } from "@/lib/reports/format";
import { formatBytes } from "./format-run";
import { RUNS_QUERY_KEY } from "./use-runs-query";
import css from "./runs.module.css";

type StoredFile = RunsData["partitions"][number];

/** The files of the data set, each removable after a confirmation (removing one starts a run). */
export function StoredFiles({ files }: { files: StoredFile[] }) {
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
        <p className="muted">No files stored yet: upload event exports above.</p>
      ) : (
        <div className={css.scroll}>
          <table className={`data ${css.filesTable}`} aria-label="Stored files">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Size</th>
                <th>Uploaded</th>
                <th>
                  <span className={css.srOnly}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} data-file={f.name}>
                  <td className="mono">{f.name}</td>
                  <td className="num">{formatBytes(f.bytes)}</td>
                  <td>{formatDateTime(f.createdAt)}</td>
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
                        onClick={() => setConfirming(f.id)} aria-label={`Remove ${f.name}`} disabled={pending}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
