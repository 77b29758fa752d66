import { ComingSoon } from "@/components/coming-soon";

export default function MonitoringPage() {
  return (
    <ComingSoon
      title="Monitoring"
      what="This section will tell whether today's numbers can be trusted: freshness, revenue reconciliation, pipeline health and anomaly detection on daily metrics."
    />
  );
}
