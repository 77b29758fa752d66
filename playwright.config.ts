import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
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
    command: `npm run setup-db -- --reset && npm run build && NEXT_TELEMETRY_DISABLED=1 npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/data-quality`,
    env: { DATABASE_URL: "file:./e2e.db", DATA_DIR: "./data-e2e", ANALYST_PASSWORD: process.env.ANALYST_PASSWORD ?? "e2e-analyst-password" },
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: "pipe",
  },
});
