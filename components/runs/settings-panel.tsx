"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveBotSettingAction, type ActionResult } from "@/app/runs/actions";
import { UploadResult } from "./upload-result";
import { RUNS_QUERY_KEY } from "./use-runs-query";

/** The data set's definitions an analyst may change; a change rebuilds the data set. */
export function SettingsPanel({ includeBots }: { includeBots: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState(includeBots);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">
        Data set settings <span className="hint">a change rebuilds every table with it</span>
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            setResult(await saveBotSettingAction(checked));
            await queryClient.invalidateQueries({ queryKey: RUNS_QUERY_KEY });
            router.refresh();
          });
        }}
      >
        <label style={{ display: "flex", gap: 8, alignItems: "flex-start", maxWidth: 720 }}>
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} style={{ marginTop: 4 }} />
          <span>
            <b>Count robots as visitors.</b> Off (the default, as in GA4): sessions of crawlers and automation, recognised by user agent, stay loaded but are left out
            of sessions, conversion, bounce, channel mix, funnel, monitoring volumes and attribution touches. Their purchases stay orders either way.
          </span>
        </label>
        <div className="toolbar" style={{ marginTop: 10 }}>
          <button type="submit" className="btn" disabled={pending || checked === includeBots}>
            {pending ? "Saving…" : "Save and rebuild"}
          </button>
        </div>
      </form>
      {result && <UploadResult result={result} />}
    </section>
  );
}
