import { RunNotes } from "@/components/run-notes";
import { NoRunYet } from "@/components/no-run-yet";
import { TrafficView } from "@/components/traffic/traffic-view";
import { requireReaderPage } from "@/lib/auth/page-guard";
import { getTraffic } from "@/lib/db/queries/traffic";
import { trafficSearch } from "@/lib/views/traffic-shape";
import { parseFilters } from "@/lib/views/url-filters";

export const dynamic = "force-dynamic";
export const metadata: import("next").Metadata = { title: "Traffic" };

/** The marketer's drill-downs. Period, channel and device come from the URL (shared with the other pages). */
export default async function TrafficPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReaderPage("/traffic");
  const f = parseFilters(await searchParams);
  const custom = f.from !== undefined && (f.period === "custom" || f.period === undefined);
  const data = await getTraffic({
    ...(custom ? { from: f.from, to: f.to } : f.period && f.period !== "custom" ? { period: f.period } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.device ? { device: f.device } : {}),
  });
  if (!data) return <NoRunYet title="Traffic" />;
  const pdf = `/api/reports/traffic?${trafficSearch(data)}`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Traffic</h1>
          <p>Run #{data.runId} · where visitors come from, where they land and how far they get</p>
        </div>
        <div className="actions">
          <a className="btn primary" href={pdf} download data-testid="download-pdf" title="This view as a PDF: the same period and filters">
            Download PDF
          </a>
        </div>
      </div>
      <RunNotes />
      <TrafficView data={data} />
    </>
  );
}
