export function NoRunYet({ title }: { title: string }) {
  return (
    <div className="empty panel">
      <h2>{title}: no data yet</h2>
      <p>No pipeline run has completed. Load event exports with</p>
      <p className="mono">npm run pipeline -- path/to/exports</p>
      <p>or restart the app with an empty database to load the demo data.</p>
    </div>
  );
}
