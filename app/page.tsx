import { RobotNote } from "@/components/robot-note";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { ExecutiveView } from "@/components/executive/executive-view";
import { NoRunYet } from "@/components/no-run-yet";
import { getExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatRange } from "@/lib/views/executive-shape";

export const dynamic = "force-dynamic";

export default async function ExecutiveSummaryPage() {
  await requireReaderPage("/");
  const data = await getExecutiveSummary({ model: "last_click" });
  if (!data) return <NoRunYet title="Executive summary" />;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Executive summary</h1>
          <p>
            Run #{data.runId} · {data.dataRange ? `data from ${formatRange(data.dataRange)}` : "no daily data"} · business performance for the chosen period
          </p>
        </div>
      </div>
      <RobotNote />
      <ExecutiveView initialData={data} />
    </>
  );
}
