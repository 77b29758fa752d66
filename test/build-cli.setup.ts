/**
 * Vitest global setup: the command line's bundle is made current once before any test file runs
 * (npm's postinstall builds it too), so the tests that start `node scripts/cli.mjs ...` in
 * parallel neither rebuild it each nor see the launcher's "Built the command line" line.
 */
import { ensureBuilt } from "../scripts/build-cli.mjs";

export default async function setup(): Promise<void> {
  await ensureBuilt((line) => console.log(line));
}
