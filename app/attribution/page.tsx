import { TaggingConflicts } from "@/components/attribution/tagging-conflicts";
import { RunNotes } from "@/components/run-notes";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { AttributionView } from "@/components/attribution/attribution-view";
import { DownloadLinks } from "@/components/attribution/download-links";
import { AttributionSelectionProvider } from "@/components/attribution/selection";
import { NoRunYet } from "@/components/no-run-yet";
import { getAttribution } from "@/lib/db/queries/attribution";
import { getCohorts } from "@/lib/db/queries/cohorts";
import { CohortsPanel } from "@/components/attribution/cohorts-panel";
import { DEFAULT_LOOKBACK_DAYS } from "@/lib/pipeline/constants";
import { formatDateTime } from "@/lib/reports/format";
import { DEFAULT_MODEL, parseFilters } from "@/lib/views/url-filters";

export const dynamic = "force-dynamic";
export const metadata: import("next").Metadata = { title: "Attribution" };

/** The model and lookback come from the URL (shared with the other pages); without them, the default model and 7 days. */
export default async function AttributionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReaderPage("/attribution");
  const f = parseFilters(await searchParams);
  // Both cohort views: the panel follows the page's identity toggle without another request.
  const [data, cohortsByDevice, cohortsByPerson] = await Promise.all([getAttribution(f.lookback ?? DEFAULT_LOOKBACK_DAYS), getCohorts("device"), getCohorts("person")]);
  if (!data) return <NoRunYet title="Attribution" />;
  return (
    <AttributionSelectionProvider lookback={data.lookbackDays} model={f.model ?? DEFAULT_MODEL} identity={f.identity ?? "device"}>
      <div className="page-head">
        <div>
          <h1>Attribution</h1>
          <p>
            Run #{data.runId} · loaded {formatDateTime(data.createdAt)} · which channels get the credit for {data.totals.orders.toLocaleString("en-US")} orders
          </p>
        </div>
        <DownloadLinks />
      </div>
      <RunNotes />
      <AttributionView initialData={data} />
      <TaggingConflicts />
      {cohortsByDevice && cohortsByPerson ? <CohortsPanel device={cohortsByDevice} person={cohortsByPerson} /> : null}
    </AttributionSelectionProvider>
  );
}
