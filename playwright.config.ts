import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Every run starts its own server (never one already listening) on a port that was free when the
 * run began, with a database and data folder of its own under the OS temp folder, removed after
 * the run (e2e/global-teardown.ts). The config is loaded again in each worker process: the values
 * are chosen once, by the first load, and handed on in the environment the workers inherit.
 * E2E_PORT / E2E_DIR set by hand override them.
 */
function freePort(): number {
  // Listening is asynchronous; a short child process answers synchronously.
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}
process.env.E2E_PORT ??= String(freePort());
process.env.E2E_DIR ??= join(tmpdir(), `clickstream-e2e-${process.env.E2E_PORT}-${process.pid}-${Date.now()}`);
const PORT = Number(process.env.E2E_PORT);
const DIR = process.env.E2E_DIR;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    acceptDownloads: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // A throwaway database with the demo data, a production build, and the app on its own port.
    command: `mkdir -p '${DIR}' && npm run setup-db -- --reset && npm run build && node scripts/server.mjs -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/data-quality`,
    env: { DATABASE_URL: `file:${join(DIR, "e2e.db")}`, DATA_DIR: join(DIR, "data"), ANALYST_PASSWORD: process.env.ANALYST_PASSWORD ?? "e2e-analyst-password" },
    // Never a server that happens to listen on the port: a stale build or another database would be tested.
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
  },
});
