import { RunNotes } from "@/components/run-notes";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { ExecutiveView } from "@/components/executive/executive-view";
import { NoRunYet } from "@/components/no-run-yet";
import { getExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatRange } from "@/lib/views/executive-shape";
import { DEFAULT_MODEL, parseFilters } from "@/lib/views/url-filters";

export const dynamic = "force-dynamic";
// The root segment is the layout's own: its title template does not apply here.
export const metadata: import("next").Metadata = { title: { absolute: "Executive summary · Clickstream Analytics" } };

/** The period, model and identity (per device or per person) come from the URL (shared with the other pages); without them, the default period and model. */
export default async function ExecutiveSummaryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReaderPage("/");
  const f = parseFilters(await searchParams);
  const custom = f.from !== undefined && (f.period === "custom" || f.period === undefined);
  const data = await getExecutiveSummary({
    model: f.model ?? DEFAULT_MODEL,
    identity: f.identity ?? "device",
    ...(custom ? { from: f.from, to: f.to } : f.period && f.period !== "custom" ? { period: f.period } : {}),
  });
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
      <RunNotes />
      <ExecutiveView initialData={data} />
    </>
  );
}
