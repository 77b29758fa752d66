import { RunNotes } from "@/components/run-notes";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { formatInt } from "@/lib/reports/format";
import { AccountingEquation } from "@/components/data-quality/accounting-equation";
import { FileTable } from "@/components/data-quality/file-table";
import { FindingsList } from "@/components/data-quality/findings-list";
import { QualityCharts } from "@/components/data-quality/quality-charts";
import { QuarantineBrowser } from "@/components/data-quality/quarantine-browser";
import { NoRunYet } from "@/components/no-run-yet";
import { getDataQuality } from "@/lib/db/queries/data-quality";
import { QuarantineReasonsCsv } from "@/components/ui/table-csvs";
import { OpenHashTarget } from "@/components/open-hash-target";

export const dynamic = "force-dynamic";
export const metadata: import("next").Metadata = { title: "Data quality" };

export default async function DataQualityPage() {
  const user = await requireReaderPage("/data-quality");
  const data = await getDataQuality();
  if (!data) return <NoRunYet title="Data quality" />;
  const { run } = data;
  const flaggedDays = data.findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE" && f.day).map((f) => f.day!);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Data quality</h1>
          <p>
            Run #{run.id} · {data.files.length} files · loaded {new Date(run.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
          </p>
        </div>
        <div className="actions">
          <a className="btn primary" href="/api/reports/data-quality" download>
            Download PDF
          </a>
        </div>
      </div>
      <RunNotes />
      <section className="panel" aria-label="Accounting">
        <h2>
          Every input row accounted for <span className="hint">input = loaded + quarantined + duplicates</span>
        </h2>
        <AccountingEquation input={run.inputRows} loaded={run.loadedRows} quarantined={run.quarantinedRows} duplicates={run.duplicateRows} />
      </section>
      <section className="panel">
        <h2>
          Files <span className="hint">score rule below</span>
        </h2>
        <FileTable files={data.files} />
        <p className="small muted">{data.scoreRule}</p>
      </section>
      <section className="panel">
        <h2>
          Findings <span className="hint">click a finding for example rows</span>
        </h2>
        <FindingsList findings={data.findings} />
        <OpenHashTarget />
      </section>
      <QualityCharts daily={run.report.daily} gaps={run.report.gaps} flaggedDays={flaggedDays} />
      <section className="panel" style={{ marginTop: 18 }}>
        <h2>Quarantine</h2>
        {hasRole(user?.role, "analyst") ? (
          <QuarantineBrowser runId={run.id} reasons={data.quarantineByReason} />
        ) : (
          <>
            <p className="muted small" data-testid="quarantine-locked">
              Quarantined rows carry client ids, page URLs and hashed emails: <a href="/sign-in?next=/data-quality">sign in as an analyst</a> to browse and download them. Counts by reason:
            </p>
            <table className="data" aria-label="Quarantined rows by reason">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col" className="num">Rows</th>
                </tr>
              </thead>
              <tbody>
                {data.quarantineByReason.map((r) => (
                  <tr key={r.reason}>
                    <td className="mono">{r.reason}</td>
                    <td className="num">{formatInt(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <QuarantineReasonsCsv reasons={data.quarantineByReason} />
          </>
        )}
      </section>
    </>
  );
}
