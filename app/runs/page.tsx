import type { Metadata } from "next";
import { AuditLog } from "@/components/auth/audit-log";
import { SignInForm } from "@/components/auth/sign-in-form";
import { RunsLive } from "@/components/runs/runs-live";
import { SettingsPanel } from "@/components/runs/settings-panel";
import { UploadPanel } from "@/components/runs/upload-panel";
import { readSettings } from "@/lib/db/settings";
import { listAudit } from "@/lib/auth/audit";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { accountsExist } from "@/lib/auth/accounts";
import { sharedSqlite } from "@/lib/db/sqlite";
import { getRuns } from "@/lib/db/queries/runs";
import { maxUploadBytes } from "@/lib/uploads/validate-upload";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs & upload" };

export default async function RunsPage() {
  const user = await requireReaderPage("/runs");
  const data = await getRuns();
  const analyst = hasRole(user?.role, "analyst");
  const admin = hasRole(user?.role, "admin");
  const signInPossible = accountsExist(sharedSqlite()); // requireReaderPage has synced ANALYST_PASSWORD's admin
  const audit = admin ? listAudit(sharedSqlite(), { limit: 20 }) : null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Runs &amp; upload</h1>
          <p>Add days of event exports, follow each run, and see which run the dashboards show.</p>
        </div>
      </div>
      {!signInPossible && (
        <div className="callout warning" style={{ marginBottom: 18 }}>
          <p style={{ margin: "0 0 4px" }}>
            <b>Uploading is turned off:</b> no account exists yet.
          </p>
          <p style={{ margin: 0 }}>
            Start the app with an admin password, <code className="mono">ANALYST_PASSWORD=&lt;password&gt; npm start</code> (account <code className="mono">admin</code>), or
            add an account with <code className="mono">npm run user -- add &lt;name&gt; --role analyst</code>. Reading the dashboards never needs one.
          </p>
        </div>
      )}
      {signInPossible && !user && (
        <section className="panel" aria-label="Sign in to upload">
          <h2>
            Sign in to upload <span className="hint">uploading, removing files and re-running need an analyst account; reading the dashboards does not</span>
          </h2>
          <SignInForm />
        </section>
      )}
      {user && !analyst && (
        <div className="callout" style={{ marginBottom: 18 }}>
          <p style={{ margin: 0 }}>
            Your account ({user.name}) is a viewer: uploads, removals and re-runs need an analyst account.
          </p>
        </div>
      )}
      {analyst && <UploadPanel maxBytes={maxUploadBytes()} />}
      {analyst && <SettingsPanel {...readSettings(sharedSqlite())} />}
      <RunsLive initial={data} analyst={analyst} />
      {audit && <AuditLog total={audit.total} entries={audit.entries} />}
    </>
  );
}
