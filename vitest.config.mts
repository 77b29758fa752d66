import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    globalSetup: ["test/build-cli.setup.ts"],
    env: { TZ: "UTC" },
  },
  resolve: {
    alias: {
      "@": new URL(".", import.meta.url).pathname,
      // Tests are server code: the marker that keeps query modules out of browser bundles is satisfied here.
      "server-only": new URL("./test/empty-module.ts", import.meta.url).pathname,
    },
  },
});
