// @ts-check
/**
 * Whole pages and report PDFs for readers who are not signed in, kept once per published run
 * (scripts/server.mjs puts this in front of Next.js). What the executive, attribution and traffic
 * pages show is a function of the published run and the URL; rendering one still costs 30-50 ms
 * of the one JavaScript thread, which caps a server at a few dozen pages a second. A report PDF is
 * rendered once per run and parameters (lib/reports/pdf-cache.ts), but answering it through
 * Next.js still costs a few milliseconds, and Node accepts one new connection per turn of its
 * event loop: with 200 readers asking at once, a turn that answers every connection already in
 * grows with them, and the last readers waited more than 10 s just to be accepted. So the first
 * answer for a URL is kept and later requests get a copy:
 *
 * - Only GET of those pages' HTML and of the report PDFs whose content depends on the run and the
 *   URL alone (not monitoring's, which reads the clock), from a reader without a session cookie (a
 *   signed-in user's page names them and must follow a revoked session), never React data
 *   requests (client navigation, prefetch, server actions), and only when viewers need not sign in.
 * - Only a 200 HTML or PDF answer without Set-Cookie is kept. It is requested uncompressed; a copy
 *   of a page is gzipped when the reader accepts it (a PDF is compressed already).
 * - Every copy gets a fresh Content-Security-Policy nonce: the kept page's nonce is replaced in
 *   the header and the HTML, so no two answers share one (proxy.ts, lib/http/csp.ts).
 * - The published run's id (one indexed read) is checked on every request: a newly published run
 *   empties the cache. The UTC day is part of the key (a preset period is relative to it).
 * - At most MAX_ENTRIES pages and MAX_BYTES of text, least recently used out.
 *
 * Plain JavaScript: the server entry runs under `node` without a build step.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";

/** The pages kept: the readers' pages with the heaviest renders. */
export const CACHED_PAGES = new Set(["/", "/attribution", "/traffic"]);
/** The report PDFs kept: those that are a function of the published run and the URL. */
export const CACHED_REPORTS = new Set(["/api/reports/executive", "/api/reports/attribution", "/api/reports/traffic", "/api/reports/data-quality"]);
export const MAX_ENTRIES = 256;
export const MAX_BYTES = 64 * 1024 * 1024;

/** Request headers of React data requests (not an HTML page). */
const DATA_REQUEST_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "purpose"];
/** Response headers not replayed: they belong to one connection or are set per copy. */
const PER_RESPONSE = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

/**
 * @typedef {{ html: string | null; body: Buffer | null; nonce: string | null; headers: Record<string, string | string[]>; bytes: number }} Entry
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} Handler
 */

/** @param {import("node:http").IncomingMessage} req */
export function cacheableRequest(req) {
  if (req.method !== "GET") return null;
  const url = new URL(req.url ?? "/", "http://localhost");
  if ((!CACHED_PAGES.has(url.pathname) && !CACHED_REPORTS.has(url.pathname)) || url.searchParams.has("_rsc")) return null;
  for (const h of DATA_REQUEST_HEADERS) if (req.headers[h] !== undefined) return null;
  if (/(?:^|;\s*)session=/.test(req.headers.cookie ?? "")) return null;
  return `${new Date().toISOString().slice(0, 10)}|${url.pathname}${url.search}`;
}

/**
 * @param {{ dbPath: string; enabled: boolean }} opts
 */
export function createPageCache(opts) {
  /** @type {import("better-sqlite3").Database | null} */
  let db = null;
  /** @type {number | null} */
  let runId = null;
  /** @type {Map<string, Entry>} */
  const entries = new Map();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, bypassed: 0 };

  /** The published run's id, or null (no run yet, or no database yet). */
  function publishedRunId() {
    try {
      db ??= new Database(opts.dbPath, { readonly: true, fileMustExist: true });
      const row = /** @type {{ id: number } | undefined} */ (db.prepare(`SELECT "id" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get());
      return row?.id ?? null;
    } catch {
      db?.close();
      db = null;
      return null;
    }
  }

  /** @param {string} key @param {Entry} entry */
  function keep(key, entry) {
    const old = entries.get(key);
    if (old) bytes -= old.bytes;
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [k, e] of entries) {
      if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
      entries.delete(k);
      bytes -= e.bytes;
    }
  }

  /** @param {Entry} entry @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  function replay(entry, req, res) {
    if (entry.body) {
      res.writeHead(200, { ...entry.headers, "content-length": entry.body.length });
      res.end(entry.body);
      return;
    }
    const nonce = entry.nonce ? randomBytes(16).toString("base64") : null;
    const page = entry.html ?? "";
    const html = entry.nonce && nonce ? page.replaceAll(entry.nonce, nonce) : page;
    /** @type {Record<string, string | string[] | number>} */
    const headers = {};
    for (const [k, v] of Object.entries(entry.headers)) headers[k] = entry.nonce && nonce && typeof v === "string" ? v.replaceAll(entry.nonce, nonce) : v;
    let body = Buffer.from(html, "utf8");
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = gzipSync(body, { level: 1 });
      headers["content-encoding"] = "gzip";
    }
    if (!/accept-encoding/i.test(String(headers["vary"] ?? ""))) headers["vary"] = headers["vary"] ? `${headers["vary"]}, Accept-Encoding` : "Accept-Encoding";
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  }

  /**
   * Lets `handle` answer and keeps what it wrote when it is a page to keep.
   * @param {import("node:http").ServerResponse} res @param {(entry: Entry) => void} done
   */
  function capture(res, done) {
    /** @type {Buffer[]} */
    const chunks = [];
    /** @type {Record<string, string | string[]>} */
    let headArgs = {};
    const writeHead = res.writeHead.bind(res);
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    /** @param {unknown} chunk @param {unknown} encoding */
    const add = (chunk, encoding) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, /** @type {BufferEncoding} */ (typeof encoding === "string" ? encoding : "utf8")) : Buffer.from(/** @type {Uint8Array} */ (chunk)));
    };
    // @ts-expect-error the overloads of writeHead are passed through as they came
    res.writeHead = (status, ...rest) => {
      const h = rest.find((a) => a && typeof a === "object");
      if (h && !Array.isArray(h)) headArgs = /** @type {Record<string, string | string[]>} */ (h);
      return writeHead(status, ...rest);
    };
    // @ts-expect-error same
    res.write = (chunk, encoding, cb) => {
      add(chunk, encoding);
      return write(chunk, encoding, cb);
    };
    // @ts-expect-error same
    res.end = (chunk, encoding, cb) => {
      add(chunk, encoding);
      const out = end(chunk, encoding, cb);
      /** @type {Record<string, string | string[]>} */
      const headers = {};
      for (const [k, v] of Object.entries({ ...res.getHeaders(), ...headArgs })) {
        const name = k.toLowerCase();
        if (v === undefined || PER_RESPONSE.has(name)) continue;
        headers[name] = Array.isArray(v) ? v.map(String) : String(v);
      }
      const encoded = res.getHeader("content-encoding");
      const type = String(headers["content-type"] ?? "");
      if (res.statusCode === 200 && !headers["set-cookie"] && !encoded && type.startsWith("text/html")) {
        const html = Buffer.concat(chunks).toString("utf8");
        const csp = headers["content-security-policy"];
        const nonce = typeof csp === "string" ? (/'nonce-([^']+)'/.exec(csp)?.[1] ?? null) : null;
        done({ html, body: null, nonce, headers, bytes: html.length * 2 });
      } else if (res.statusCode === 200 && !headers["set-cookie"] && !encoded && type.startsWith("application/pdf")) {
        const body = Buffer.concat(chunks);
        done({ html: null, body, nonce: null, headers, bytes: body.length });
      }
      return out;
    };
  }

  /**
   * Answers from the cache, or through `handle` (keeping the answer when it may be kept).
   * @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {Handler} handle
   */
  function serve(req, res, handle) {
    const key = opts.enabled ? cacheableRequest(req) : null;
    const id = key ? publishedRunId() : null;
    if (!key || id === null) {
      stats.bypassed++;
      return handle(req, res);
    }
    if (id !== runId) {
      entries.clear();
      bytes = 0;
      runId = id;
    }
    const hit = entries.get(key);
    if (hit) {
      stats.hits++;
      entries.delete(key);
      entries.set(key, hit);
      return replay(hit, req, res);
    }
    stats.misses++;
    // The kept copy is text: this one answer goes uncompressed.
    delete req.headers["accept-encoding"];
    capture(res, (entry) => {
      // A run published while this page rendered: the page may mix runs, so it is not kept.
      if (publishedRunId() === id && runId === id) keep(key, entry);
    });
    return handle(req, res);
  }

  return {
    serve,
    stats: () => ({ ...stats, entries: entries.size, bytes, runId }),
    close: () => db?.close(),
  };
}
