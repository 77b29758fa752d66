import { TaggingConflicts } from "@/components/attribution/tagging-conflicts";
import { RobotNote } from "@/components/robot-note";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { AttributionView } from "@/components/attribution/attribution-view";
import { DownloadLinks } from "@/components/attribution/download-links";
import { AttributionSelectionProvider } from "@/components/attribution/selection";
import { NoRunYet } from "@/components/no-run-yet";
import { getAttribution } from "@/lib/db/queries/attribution";
import { DEFAULT_LOOKBACK_DAYS } from "@/lib/pipeline/constants";
import { formatDateTime } from "@/lib/reports/format";

export const dynamic = "force-dynamic";

export default async function AttributionPage() {
  await requireReaderPage("/attribution");
  const data = await getAttribution(DEFAULT_LOOKBACK_DAYS);
  if (!data) return <NoRunYet title="Attribution" />;
  return (
    <AttributionSelectionProvider lookback={data.lookbackDays}>
      <div className="page-head">
        <div>
          <h1>Attribution</h1>
          <p>
            Run #{data.runId} · loaded {formatDateTime(data.createdAt)} · which channels get the credit for {data.totals.orders.toLocaleString("en-US")} orders
          </p>
        </div>
        <DownloadLinks />
      </div>
      <RobotNote />
      <AttributionView initialData={data} />
      <TaggingConflicts />
    </AttributionSelectionProvider>
  );
}
