"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveSettingsAction, type ActionResult } from "@/app/runs/actions";
import { checkSessionTimeout, parseOwnDomains, type DataSetSettings } from "@/lib/db/settings";
import { UploadResult } from "./upload-result";
import { RUNS_QUERY_KEY } from "./use-runs-query";

/** The data set's definitions an analyst may change; a change rebuilds the data set. */
export function SettingsPanel({ includeBots, precedence, sessionTimeoutMinutes, ownDomains }: DataSetSettings) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState(includeBots);
  const [order, setOrder] = useState(precedence);
  const [timeout, setTimeoutText] = useState(String(sessionTimeoutMinutes));
  const [domains, setDomains] = useState(ownDomains.join("\n"));
  // Read as the server reads them, so "WWW.Pay.example.net" against a stored "pay.example.net" is no change.
  const typedTimeout = checkSessionTimeout(timeout);
  const typedDomains = parseOwnDomains(domains);
  const unchanged =
    checked === includeBots &&
    order === precedence &&
    typedTimeout.ok && typedTimeout.value === sessionTimeoutMinutes &&
    typedDomains.ok && typedDomains.value.join("\n") === ownDomains.join("\n");
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
            setResult(await saveSettingsAction({ includeBots: checked, precedence: order, sessionTimeoutMinutes: timeout, ownDomains: domains }));
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
        <fieldset style={{ border: 0, padding: 0, margin: "12px 0 0", maxWidth: 720 }}>
          <legend style={{ fontWeight: 600, padding: 0 }}>When a landing has an ad click id (gclid, …) and utm tags naming another channel</legend>
          <label style={{ display: "flex", gap: 8, alignItems: "flex-start", marginTop: 4 }}>
            <input type="radio" name="precedence" value="utm" checked={order === "utm"} onChange={() => setOrder("utm")} style={{ marginTop: 4 }} />
            <span>the utm tags win (the default: what the advertiser wrote)</span>
          </label>
          <label style={{ display: "flex", gap: 8, alignItems: "flex-start" }}>
            <input type="radio" name="precedence" value="click_id" checked={order === "click_id"} onChange={() => setOrder("click_id")} style={{ marginTop: 4 }} />
            <span>the click id wins (GA4&apos;s default: auto-tagging)</span>
          </label>
        </fieldset>
        <label style={{ display: "block", marginTop: 12, maxWidth: 720 }}>
          <b>Session timeout</b> (minutes without an event that end a session; 30 as GA4, {5}–{240}){" "}
          <input type="number" name="sessionTimeoutMinutes" min={5} max={240} step={1} required value={timeout} onChange={(e) => setTimeoutText(e.currentTarget.value)} style={{ width: 80 }} />
        </label>
        <label style={{ display: "block", marginTop: 12, maxWidth: 720 }}>
          <b>The store&apos;s other domains</b> (one per line: checkout, payment or other shop fronts). A visit referred from them is not a referral. The domain of the
          store&apos;s own pages is detected from the page URLs and always counts.
          <textarea name="ownDomains" rows={3} value={domains} onChange={(e) => setDomains(e.currentTarget.value)} placeholder="checkout.example.com" style={{ display: "block", width: "100%", maxWidth: 420, marginTop: 4 }} />
        </label>
        <div className="toolbar" style={{ marginTop: 10 }}>
          <button type="submit" className="btn" disabled={pending || unchanged}>
            {pending ? "Saving…" : "Save and rebuild"}
          </button>
        </div>
      </form>
      {result && <UploadResult result={result} />}
    </section>
  );
}
