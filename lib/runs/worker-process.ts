/**
 * How the worker process is started: `node scripts/cli.mjs run-worker`, one plain Node process.
 * The launcher (scripts/cli.mjs) imports the esbuild bundle of scripts/run-worker.ts in its own
 * process (rebuilding it first when a source changed since it was built), so the worker is the
 * direct child of the server: the `tsx` or `npm` command lines would put a second process between
 * them, and the worker's parent-death watchdog watches its direct parent. The spawner passes its
 * pid in RUN_WORKER_PARENT_PID; the worker kills itself as soon as its parent is another process.
 *
 * TypeScript is compiled at run time only as the launcher's fallback, when the bundle cannot be
 * built (no esbuild, dist/ not writable): it then imports the TypeScript source through tsx's API, still in that one process.
 */
import { join } from "node:path";

export const PARENT_PID_ENV = "RUN_WORKER_PARENT_PID";

export function workerCommand(cwd: string = process.cwd()): { command: string; args: string[] } {
  return { command: process.execPath, args: [join(cwd, "scripts", "cli.mjs"), "run-worker"] };
}
