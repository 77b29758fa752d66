/**
 * The page cache in front of Next.js (lib/http/page-cache.mjs, scripts/server.mjs), against a
 * stand-in for Next that renders a page with a per-request nonce and counts its renders: readers
 * who are not signed in get a kept copy (each with its own nonce), everyone else a fresh render,
 * and a newly published run renders again.
 */
import { randomBytes } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRun } from "@/lib/db/save-run";
import { createPageCache, type PageCache } from "@/lib/http/page-cache.mjs";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let renders = 0;
let answer: (res: ServerResponse, nonce: string) => void;
/** What Next does for a page: a CSP header with a fresh nonce, the nonce on its scripts, chunked HTML. */
const page = (res: ServerResponse, nonce: string) => {
  res.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Vary", "rsc, Accept-Encoding");
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}" src="/a.js"></script></head>`);
  res.end(`<body>render ${renders}, é<script nonce="${nonce}">1</script></body></html>`);
};
let cache: PageCache;
let server: Server;
let port = 0;

const publish = () => {
  const id = createRun(t.db, "cli");
  t.db.prepare(`UPDATE "Run" SET "status" = 'succeeded' WHERE "id" = ?`).run(id);
};

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }> {
  return new Promise((done, fail) => {
    request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        done({ status: res.statusCode ?? 0, headers: res.headers, body: (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8") });
      });
    })
      .on("error", fail)
      .end();
  });
}
const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];

beforeAll(async () => {
  cache = createPageCache({ dbPath: t.path, enabled: true });
  server = createServer((req, res) =>
    cache.serve(req, res, (_req, r) => {
      renders++;
      answer(r, randomBytes(16).toString("base64"));
    }),
  );
  await new Promise<void>((d) => server.listen(0, "127.0.0.1", d));
  port = (server.address() as AddressInfo).port;
});
beforeEach(() => {
  answer = page;
});
afterAll(async () => {
  await new Promise((d) => server.close(d));
  cache.close();
  t.cleanup();
});

describe("the page cache", () => {
  it("renders every request before the first published run", async () => {
    const before = renders;
    await get("/");
    await get("/");
    expect(renders - before).toBe(2);
  });

  it("renders a page once per published run; each copy has its own nonce, in the header and the HTML", async () => {
    publish();
    const before = renders;
    const first = await get("/attribution?model=first_click");
    const second = await get("/attribution?model=first_click");
    const gzipped = await get("/attribution?model=first_click", { "accept-encoding": "gzip, deflate" });
    expect(renders - before).toBe(1);
    for (const r of [first, second, gzipped]) {
      expect(r.status).toBe(200);
      expect(r.headers["content-security-policy"]).toContain(`'nonce-${nonceOf(r.body)}'`);
      expect(r.body.split(`nonce="${nonceOf(r.body)}"`).length).toBe(3); // both scripts carry it
    }
    expect(new Set([first, second, gzipped].map((r) => nonceOf(r.body))).size).toBe(3);
    const same = (r: { body: string }) => r.body.replaceAll(nonceOf(r.body)!, "N");
    expect(same(second)).toBe(same(first));
    expect(same(gzipped)).toBe(same(first));
    expect(first.body).toContain("é"); // text kept as UTF-8
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(second.headers["vary"]).toBe("rsc, Accept-Encoding");
  });

  it("keeps each URL apart and renders again when another run is published", async () => {
    const before = renders;
    await get("/traffic?channel=Email");
    await get("/traffic?channel=Direct");
    await get("/traffic?channel=Email");
    expect(renders - before).toBe(2);
    publish();
    await get("/traffic?channel=Email");
    expect(renders - before).toBe(3);
  });

  it("renders for a signed-in reader, React data requests, and pages it does not keep", async () => {
    await get("/");
    const before = renders;
    await get("/", { cookie: "theme=dark; session=abc" });
    await get("/", { rsc: "1" });
    await get("/?_rsc=x1");
    await get("/", { "next-router-prefetch": "1" });
    await get("/runs");
    await get("/runs");
    expect(renders - before).toBe(6);
    await get("/", { cookie: "theme=dark" }); // no session cookie: the kept copy
    expect(renders - before).toBe(6);
  });

  it("does not keep an answer that sets a cookie or is not a 200 page", async () => {
    publish();
    answer = (res) => {
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/html");
      res.end("<p>error</p>");
    };
    const before = renders;
    expect((await get("/")).status).toBe(500);
    answer = (res, nonce) => {
      res.setHeader("Set-Cookie", "a=b");
      page(res, nonce);
    };
    await get("/");
    answer = page;
    await get("/");
    await get("/");
    expect(renders - before).toBe(3);
  });

  it("keeps report PDFs byte for byte (not monitoring's, which reads the clock), and only 200 PDFs", async () => {
    publish();
    // What a report route answers: the PDF's bytes (not text: a byte above 0x7f must survive), its name.
    const pdfBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0xff, 0x00, 0x80]);
    answer = (res) => {
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Disposition", 'attachment; filename="executive-summary-run-7.pdf"');
      res.end(pdfBytes);
    };
    const getBytes = (path: string): Promise<{ status: number; headers: IncomingMessage["headers"]; bytes: Buffer }> =>
      new Promise((done, fail) => {
        request({ host: "127.0.0.1", port, path, headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        })
          .on("error", fail)
          .end();
      });
    const before = renders;
    const first = await getBytes("/api/reports/executive?model=first_click");
    const second = await getBytes("/api/reports/executive?model=first_click");
    expect(renders - before).toBe(1);
    for (const r of [first, second]) {
      expect(r.status).toBe(200);
      expect(r.bytes.equals(pdfBytes)).toBe(true);
      expect(r.headers["content-type"]).toBe("application/pdf");
      expect(r.headers["content-disposition"]).toBe('attachment; filename="executive-summary-run-7.pdf"');
      expect(r.headers["content-encoding"]).toBeUndefined();
    }
    await getBytes("/api/reports/executive?model=last_click");
    await getBytes("/api/reports/monitoring");
    await getBytes("/api/reports/monitoring");
    expect(renders - before).toBe(4);
    answer = (res) => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "application/json");
      res.end("{}");
    };
    await getBytes("/api/reports/traffic");
    answer = page;
    await getBytes("/api/reports/traffic");
    expect(renders - before).toBe(6);
  });

  it("is off when disabled (viewers must sign in, or PAGE_CACHE=0)", async () => {
    const off = createPageCache({ dbPath: t.path, enabled: false });
    let n = 0;
    const fake = { method: "GET", url: "/", headers: {} } as IncomingMessage;
    off.serve(fake, {} as ServerResponse, () => n++);
    off.serve(fake, {} as ServerResponse, () => n++);
    expect(n).toBe(2);
    off.close();
  });
});
