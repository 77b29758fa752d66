import { ComingSoon } from "@/components/coming-soon";

export default function AttributionPage() {
  return (
    <ComingSoon
      title="Attribution"
      what="This section will compare first-click, last-click and other attribution models per channel, with a lookback window selector, conversion paths and time to purchase."
    />
  );
}
