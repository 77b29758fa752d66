import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

let child: ChildProcess | null = null;
let again = false;

/** Starts the worker process unless one is already draining the queue (then it runs once more after). */
export function kickWorker(): void {
  if (child) {
    again = true;
    return;
  }
  const tsx = join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  child = spawn(process.execPath, [tsx, join(process.cwd(), "scripts", "run-worker.ts")], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", () => {
    child = null;
    if (again) {
      again = false;
      kickWorker();
    }
  });
}
