import { ComingSoon } from "@/components/coming-soon";

export default function RunsPage() {
  return (
    <ComingSoon
      title="Runs & upload"
      what="Uploading event files from the browser is not built yet. Load files from the command line: npm run pipeline -- <files or folders>."
    />
  );
}
