/** Removes the run's throwaway database and data folder (playwright.config.ts), only when it is one the config made. */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, resolve } from "node:path";

export default function globalTeardown(): void {
  const dir = process.env.E2E_DIR;
  if (!dir) return;
  const path = resolve(dir);
  if (dirname(path) === resolve(tmpdir()) && basename(path).startsWith("clickstream-e2e-")) rmSync(path, { recursive: true, force: true });
}
