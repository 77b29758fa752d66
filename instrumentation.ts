/** Server start: runs left "running" by a previous process are marked failed; queued runs resume. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recoverOnStart } = await import("./lib/runs/recover");
  recoverOnStart();
}
