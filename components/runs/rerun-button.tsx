"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { rerunAction, type ActionResult } from "@/app/runs/actions";
import { RUNS_QUERY_KEY } from "./use-runs-query";

/** Runs the pipeline again over every stored file (e.g. after a failed run). */
export function RerunButton() {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);

  const rerun = () =>
    startTransition(async () => {
      const r = await rerunAction().catch((e: unknown): ActionResult => ({ ok: false, error: `The request failed: ${e instanceof Error ? e.message : String(e)}` }));
      setResult(r);
      await queryClient.invalidateQueries({ queryKey: RUNS_QUERY_KEY });
    });

  return (
    <span className="toolbar" style={{ margin: 0 }}>
      {result &&
        (result.ok ? (
          <span className="small muted" role="status">
            {result.message}
          </span>
        ) : (
          <span className="small" role="alert" style={{ color: "var(--critical)" }}>
            {result.error}
          </span>
        ))}
      <button type="button" className="btn" onClick={rerun} disabled={pending}>
        {pending ? "Starting…" : "Re-run"}
      </button>
    </span>
  );
}
