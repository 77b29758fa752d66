import { RunNotes } from "@/components/run-notes";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { ChecksByPriority } from "@/components/monitoring/checks-table";
import { HistoryTable } from "@/components/monitoring/history-table";
import { HowScored } from "@/components/monitoring/how-scored";
import { MetricCharts } from "@/components/monitoring/metric-charts";
import { OverallStatus } from "@/components/monitoring/overall-status";
import { NoRunYet } from "@/components/no-run-yet";
import { getMonitoring } from "@/lib/db/queries/monitoring";
import { formatDateTime } from "@/lib/reports/format";
import { groupChecks, shapeCharts, summarize } from "@/lib/views/monitoring-shape";

export const dynamic = "force-dynamic";
export const metadata: import("next").Metadata = { title: "Monitoring" };

export default async function MonitoringPage() {
  await requireReaderPage("/monitoring");
  const data = await getMonitoring();
  if (!data) return <NoRunYet title="Monitoring" />;
  const { report } = data;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Monitoring</h1>
          <p>
            Run #{data.runId} · loaded {formatDateTime(data.createdAt)} · evaluated {formatDateTime(report.evaluatedAt)}
          </p>
        </div>
        <div className="actions">
          <a className="btn" href="/api/monitoring?download=1" download>
            Download JSON
          </a>
          <a className="btn primary" href="/api/reports/monitoring" download>
            Download PDF
          </a>
        </div>
      </div>
      <RunNotes />
      <OverallStatus summary={summarize(report.checks)} newestEventTs={report.newestEventTs} />
      <ChecksByPriority groups={groupChecks(report.checks)} />
      <h2 style={{ fontSize: 18, margin: "26px 0 12px" }}>Daily metrics against their expected band</h2>
      <MetricCharts charts={shapeCharts(report)} minPoints={report.options.minPoints} recentDays={report.options.recentDays} />
      <div className="grid-2" style={{ marginTop: 18 }}>
        <HowScored options={report.options} />
        <section className="panel" aria-label="Run history">
          <h2>
            Run history <span className="hint">status of each run when it was loaded</span>
          </h2>
          <HistoryTable history={data.history} currentRunId={data.runId} />
        </section>
      </div>
    </>
  );
}
