/** Server start: runs whose worker is gone are marked failed, queued runs resume, and the run supervisor starts (lib/runs/recover.ts). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recoverOnStart } = await import("./lib/runs/recover");
  recoverOnStart();
}
