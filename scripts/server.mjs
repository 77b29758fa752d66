// @ts-check
/**
 * The production server: Next.js behind the page cache of lib/http/page-cache.mjs (readers who
 * are not signed in get a kept copy of the executive, attribution and traffic pages until another
 * run is published). Run by `npm start` after `npm run build`:
 *   node scripts/server.mjs [-p PORT] [-H HOST]     (PORT and HOSTNAME are read too; PAGE_CACHE=0 turns the cache off)
 */
import { createServer } from "node:http";
import { createPageCache } from "../lib/http/page-cache.mjs";

// As `next start` does: a production server runs with NODE_ENV=production (set before Next loads).
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { default: next } = await import("next");

const arg = (/** @type {string} */ flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? arg("--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? arg("--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
const url = process.env.DATABASE_URL ?? "file:./dev.db";
const mustSignIn = process.env.VIEWERS_MUST_SIGN_IN === "1" || process.env.VIEWERS_MUST_SIGN_IN === "true";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const cache = createPageCache({ dbPath: url.replace(/^file:/, ""), enabled: process.env.PAGE_CACHE !== "0" && !mustSignIn });
// Requests being answered: lib/db/queries/warm.ts computes views ahead of readers only between them.
const inFlight = /** @type {{ __requestsInFlight?: number }} */ (globalThis);
inFlight.__requestsInFlight = 0;
const server = createServer((req, res) => {
  inFlight.__requestsInFlight = (inFlight.__requestsInFlight ?? 0) + 1;
  res.once("close", () => (inFlight.__requestsInFlight = (inFlight.__requestsInFlight ?? 1) - 1));
  Promise.resolve(cache.serve(req, res, handle)).catch((e) => {
    console.error(e);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
server.listen(port, hostname, () => console.log(`> Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));
const stop = () => {
  server.close();
  cache.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
