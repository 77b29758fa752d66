import { ComingSoon } from "@/components/coming-soon";

export default function ExecutiveSummaryPage() {
  return (
    <ComingSoon
      title="Executive summary"
      what="This section will show revenue, orders, conversion and their change against the previous period, the channel mix under first- or last-click attribution, and what works, what worries and what to do, all computed from the data."
    />
  );
}
