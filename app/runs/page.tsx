import { RunsLive } from "@/components/runs/runs-live";
import { SignInForm } from "@/components/runs/sign-in-form";
import { UploadPanel } from "@/components/runs/upload-panel";
import css from "@/components/runs/runs.module.css";
import { configuredPassword } from "@/lib/auth/analyst";
import { isAnalyst } from "@/lib/auth/session";
import { getRuns } from "@/lib/db/queries/runs";
import { maxUploadBytes } from "@/lib/uploads/validate-upload";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function RunsPage() {
  const [data, analyst] = await Promise.all([getRuns(), isAnalyst()]);
  const signInConfigured = configuredPassword() !== null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Runs &amp; upload</h1>
          <p>Add days of event exports, follow each run, and see which run the dashboards show.</p>
        </div>
        {analyst && (
          <form action={signOutAction} className={css.signedIn}>
            <span>Signed in as analyst</span>
            <button type="submit" className="btn">
              Sign out
            </button>
          </form>
        )}
      </div>
      {!signInConfigured && (
        <div className="callout warning" style={{ marginBottom: 18 }}>
          <p style={{ margin: "0 0 4px" }}>
            <b>Uploading is turned off:</b> no analyst password is set.
          </p>
          <p style={{ margin: 0 }}>
            To upload files, start the app with a password: <code className="mono">ANALYST_PASSWORD=&lt;password&gt; npm start</code>. Reading the dashboards never needs
            one.
          </p>
        </div>
      )}
      {signInConfigured && !analyst && (
        <section className="panel" aria-label="Sign in to upload">
          <h2>
            Sign in to upload <span className="hint">uploading, removing files and re-running need the analyst password; reading the dashboards does not</span>
          </h2>
          <SignInForm />
        </section>
      )}
      {analyst && <UploadPanel maxBytes={maxUploadBytes()} />}
      <RunsLive initial={data} analyst={analyst} />
    </>
  );
}
