"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { QuarantinePage } from "@/lib/db/queries/quarantine";

const PAGE = 25;

function useQuarantineQuery(runId: number, reason: string, offset: number) {
  return useQuery({
    queryKey: ["quarantine", runId, reason, offset],
    queryFn: async (): Promise<QuarantinePage> => {
      const params = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
      if (reason) params.set("reason", reason);
      const res = await fetch(`/api/runs/${runId}/quarantine?${params}`);
      if (!res.ok) throw new Error(`Could not load quarantined rows (HTTP ${res.status}).`);
      return (await res.json()) as QuarantinePage;
    },
    placeholderData: keepPreviousData,
  });
}

/** Browse quarantined rows by reason code, page by page; values are shown as plain text. */
export function QuarantineBrowser({ runId, reasons }: { runId: number; reasons: { reason: string; count: number }[] }) {
  const [reason, setReason] = useState("");
  const [offset, setOffset] = useState(0);
  const { data, error, isFetching } = useQuarantineQuery(runId, reason, offset);
  const total = data?.total ?? 0;
  const csvHref = `/api/runs/${runId}/quarantine?format=csv`;

  return (
    <div>
      <div className="toolbar">
        <label>
          Reason{" "}
          <select
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">All reasons ({reasons.reduce((s, r) => s + r.count, 0)})</option>
            {reasons.map((r) => (
              <option key={r.reason} value={r.reason}>
                {r.reason} ({r.count})
              </option>
            ))}
          </select>
        </label>
        <a className="btn" href={csvHref} download>
          Download quarantined rows (CSV)
        </a>
        {isFetching && <span className="muted small">Loading…</span>}
      </div>
      {error ? (
        <p className="callout warning" role="alert">
          {error.message}
        </p>
      ) : total === 0 && data ? (
        <p className="muted">No rows were quarantined{reason ? ` for ${reason}` : ""}.</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="data" aria-label="Quarantined rows">
            <thead>
              <tr>
                <th>Reason</th>
                <th>File</th>
                <th className="num">Line</th>
                <th>Detail</th>
                <th>Event</th>
                <th>Timestamp</th>
                <th>Client id</th>
              </tr>
            </thead>
            <tbody>
              {data?.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <span className="badge warning">{r.reason}</span>
                  </td>
                  <td className="mono">{r.file}</td>
                  <td className="num">{r.line}</td>
                  <td className="mono wrap">{r.detail}</td>
                  <td className="mono">{r.values.event_name ?? ""}</td>
                  <td className="mono">{r.values.timestamp ?? ""}</td>
                  <td className="mono">{r.values.client_id ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar" style={{ marginTop: 10 }}>
            <button className="btn" onClick={() => setOffset(Math.max(0, offset - PAGE))} disabled={offset === 0}>
              Previous
            </button>
            <span className="small muted">
              {total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, total)} of {total}
            </span>
            <button className="btn" onClick={() => setOffset(offset + PAGE)} disabled={offset + PAGE >= total}>
              Next
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
