/**
 * How the worker process is started: `node --import <tsx loader> scripts/run-worker.ts`, one
 * process (the `tsx` command line would put a second process between the server and the worker,
 * and the worker's parent-death watchdog watches its direct parent). The spawner passes its pid in
 * RUN_WORKER_PARENT_PID; the worker kills itself as soon as its parent is another process.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const PARENT_PID_ENV = "RUN_WORKER_PARENT_PID";

export function workerCommand(cwd: string = process.cwd()): { command: string; args: string[] } {
  const loader = pathToFileURL(join(cwd, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return { command: process.execPath, args: ["--import", loader, join(cwd, "scripts", "run-worker.ts")] };
}
