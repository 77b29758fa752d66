/** Server start: runs whose worker is gone are marked failed, queued runs resume, and the run supervisor starts (lib/runs/recover.ts); the published run's common views are computed (lib/db/queries/warm.ts). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recoverOnStart } = await import("./lib/runs/recover");
  recoverOnStart();
  // The views readers switch between are computed ahead of them, now and after each published run.
  if (process.env.WARM_VIEWS !== "0") (await import("./lib/db/queries/warm")).startWarming();
}
