import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { multipartBoundary, rewritePartHeaders } from "./multipart-names";
import { receiveUpload, uploadTmpDir, type Received } from "./receive";

const BOUNDARY = "----testBoundary7MA4YWxkTrZu0gW";
const CT = `multipart/form-data; boundary=${BOUNDARY}`;

/** A part whose Content-Disposition is written byte for byte as given (latin1: one char per byte; pass UTF-8 bytes as a Buffer). */
type Part = { disposition: string | Buffer; body: string | Buffer; type?: string };

function body(parts: Part[], opts: { close?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: `, "latin1"));
    chunks.push(typeof p.disposition === "string" ? Buffer.from(p.disposition, "latin1") : p.disposition);
    chunks.push(Buffer.from(`\r\nContent-Type: ${p.type ?? "text/csv"}\r\n\r\n`, "latin1"));
    chunks.push(typeof p.body === "string" ? Buffer.from(p.body) : p.body);
    chunks.push(Buffer.from("\r\n"));
  }
  if (opts.close !== false) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const file = (name: string, content: string | Buffer): Part => ({ disposition: `form-data; name="files"; filename="${name}"`, body: content });

/** The body as a web stream cut into chunks of `size` bytes (the way it may arrive). */
function stream(bytes: Buffer, size = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
}

const CSV = "client_id,page_url,referrer,timestamp,event_name,event_data,user_agent\nc1,https://shop.example/,,2025-03-04T10:00:00.000Z,page_viewed,,UA\n";
const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

let root = "";
let tmp = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "receive-"));
  tmp = uploadTmpDir(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const receive = (bytes: Buffer, opts: { chunk?: number; limit?: number; maxFiles?: number; contentType?: string } = {}) =>
  receiveUpload(stream(bytes, opts.chunk), opts.contentType ?? CT, { limit: opts.limit ?? 1024 * 1024, tmpDir: tmp, maxFiles: opts.maxFiles });

function ok(r: Received) {
  if (!r.ok) throw new Error(`not ok: ${r.error}`);
  return r;
}

describe("receiveUpload", () => {
  it("writes each file to a temporary file with its size and SHA-256", async () => {
    const other = CSV.replace("c1", "c2");
    const r = ok(await receive(body([file("events_20250304.csv", CSV), file("events_20250305.csv", other)])));
    expect(r.files.map((f) => [f.raw, f.bytes, f.hash, f.refusal])).toEqual([
      ["events_20250304.csv", CSV.length, sha(CSV), undefined],
      ["events_20250305.csv", other.length, sha(other), undefined],
    ]);
    expect(readFileSync(r.files[0]!.path!, "utf8")).toBe(CSV);
    expect(readFileSync(r.files[1]!.path!, "utf8")).toBe(other);
    expect(r.tooManyFiles).toBe(false);
  });

  it("reads the same names and bytes however the body is cut into chunks", async () => {
    const gz = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x0d, 0x0a, 0x2d, 0x2d, 0]);
    const bytes = body([file("a.csv", `${CSV}\r\n--${BOUNDARY.slice(0, 10)}`), { disposition: 'form-data; name="files"; filename="x\r\n.csv"', body: "x" }, file("b.csv.gz", gz)]);
    const whole = await receive(bytes, { chunk: bytes.length });
    for (let chunk = 1; chunk <= 97; chunk++) {
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp);
      const r = await receive(bytes, { chunk });
      expect(r.files.map((f) => [f.raw, f.bytes, f.hash, f.refusal?.name]), `chunks of ${chunk}`).toEqual(whole.files.map((f) => [f.raw, f.bytes, f.hash, f.refusal?.name]));
    }
    expect(whole.files.map((f) => f.raw)).toEqual(["a.csv", "x\r\n.csv", "b.csv.gz"]);
    expect(whole.files[2]!.hash).toBe(sha(gz));
  });

  it("sees each file name exactly as sent: folders, absolute paths, drive letters, backslashes, CR, LF and NUL are refused before anything is written", async () => {
    const r = await receive(
      body([
        file("../../x.csv", CSV),
        file("/etc/cron.d/x.csv", CSV),
        file("C:\\temp\\x.csv", CSV),
        file("sub\\x.csv", CSV),
        { disposition: 'form-data; name="files"; filename="x\r\n.csv"', body: CSV },
        { disposition: 'form-data; name="files"; filename="x\0.csv"', body: CSV },
        file("x%0D%0A.csv", CSV), // a browser's form encoding of CR LF
        { disposition: "form-data; name=\"files\"; filename*=UTF-8''..%2F..%2Fy.csv", body: CSV },
        file("", CSV),
        file("events_20250304.csv", CSV),
      ]),
    );
    const { files } = ok(r);
    // The part with an empty name reaches the parser as a field: it is judged at the end, by the name the rewriter saw.
    expect(files.map((f) => f.raw)).toEqual(["../../x.csv", "/etc/cron.d/x.csv", "C:\\temp\\x.csv", "sub\\x.csv", "x\r\n.csv", "x\0.csv", "x\r\n.csv", "../../y.csv", "events_20250304.csv", ""]);
    expect(files.map((f) => f.refusal?.error.replace(/: (rename|upload|send).*$/, ""))).toEqual([
      '"../../x.csv": a file name may not contain folders or ".."',
      '"/etc/cron.d/x.csv": a file name may not be an absolute path',
      '"C:\\temp\\x.csv": a file name may not start with a drive letter',
      '"sub\\x.csv": a file name may not contain folders or ".."',
      '"x\\r\\n.csv": a file name may not contain control characters (NUL, CR, LF, tab...)',
      '"x\\0.csv": a file name may not contain control characters (NUL, CR, LF, tab...)',
      '"x\\r\\n.csv": a file name may not contain control characters (NUL, CR, LF, tab...)',
      '"../../y.csv": a file name may not contain folders or ".."',
      undefined,
      '"": a file has no name',
    ]);
    expect(files.filter((f) => f.refusal).every((f) => f.path === undefined)).toBe(true);
    expect(readdirSync(tmp)).toEqual(["9.upload"]);
  });

  it("refuses a file part with an empty name as a browser sends it (application/octet-stream)", async () => {
    const { files } = ok(await receive(body([{ disposition: 'form-data; name="files"; filename=""', body: "", type: "application/octet-stream" }])));
    expect(files.map((f) => [f.raw, f.refusal?.name])).toEqual([["", ""]]);
  });

  it("keeps names in UTF-8 and a quoted name's backslashes as they are", async () => {
    const disposition = Buffer.concat([Buffer.from('form-data; name="files"; filename="'), Buffer.from("événements\\2025.csv", "utf8"), Buffer.from('"')]);
    const { files } = ok(await receive(body([{ disposition, body: CSV }])));
    expect(files[0]!.raw).toBe("événements\\2025.csv");
  });

  it("stops writing a file at the limit and refuses it as too large; the next file is still read", async () => {
    const big = "x".repeat(5000);
    const r = ok(await receive(body([file("events_20250304.csv", big), file("events_20250305.csv", CSV)]), { limit: 1000, chunk: 300 }));
    expect(r.files[0]!.refusal).toEqual({ name: "events_20250304.csv", error: "The file is larger than the upload limit of 0.00 MB. Split it into daily files, or gzip it (.csv.gz).", tooLarge: true });
    expect(readFileSync(r.files[0]!.path!).length).toBe(1001);
    expect(r.files[1]!.refusal).toBeUndefined();
    expect(readFileSync(r.files[1]!.path!, "utf8")).toBe(CSV);
    // Exactly the limit is fine.
    const exact = ok(await receive(body([file("events_20250306.csv", "y".repeat(1000))]), { limit: 1000 }));
    expect(exact.files[0]!.refusal).toBeUndefined();
  });

  it("says when there are more files than one upload takes", async () => {
    const r = ok(await receive(body([file("a.csv", CSV), file("b.csv", CSV), file("c.csv", CSV)]), { maxFiles: 2 }));
    expect(r.tooManyFiles).toBe(true);
    expect(r.files.map((f) => f.raw)).toEqual(["a.csv", "b.csv"]);
  });

  it.each([
    ["a body cut off before its closing boundary", body([file("a.csv", CSV)], { close: false }), CT, /could not be read as multipart\/form-data \(unexpected end of form\)/],
    ["a part without Content-Disposition", Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/csv\r\n\r\n${CSV}\r\n--${BOUNDARY}--\r\n`), CT, /part 1: it has no Content-Disposition header/],
    ["an attachment instead of form-data", body([{ disposition: 'attachment; filename="a.csv"', body: CSV }]), CT, /part 1: its Content-Disposition is "attachment", not form-data/],
    ["a quoted name that never closes", body([{ disposition: 'form-data; name="files"; filename="a.csv', body: CSV }]), CT, /a quoted value in its Content-Disposition header never closes/],
    ["a broken filename*", body([{ disposition: "form-data; name=\"files\"; filename*=UTF-8''a%ZZ.csv", body: CSV }]), CT, /broken %-escape/],
    ["not multipart", Buffer.from("files=a.csv"), "application/x-www-form-urlencoded", /^Send the files as multipart\/form-data/],
    ["no boundary", body([file("a.csv", CSV)]), "multipart/form-data", /^Send the files as multipart\/form-data/],
    ["garbage", Buffer.from("\x00\x01garbage"), CT, /could not be read as multipart\/form-data/],
  ])("refuses %s as a bad request, never throwing", async (_what, bytes, contentType, message) => {
    const r = await receive(bytes, { contentType });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.serverError).toBeUndefined();
    }
  });

  it("names a refused file even when the body around it is malformed", async () => {
    const r = await receive(body([file("../x.csv", CSV)], { close: false }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/unexpected end of form\), and it holds file names that cannot be accepted; nothing was uploaded\.$/);
      expect(r.files.map((f) => f.refusal?.name)).toEqual(["../x.csv"]);
    }
  });
});

describe("multipartBoundary and rewritePartHeaders", () => {
  it("reads the boundary of multipart/form-data only", () => {
    expect(multipartBoundary(CT)).toBe(BOUNDARY);
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/mixed; boundary=x")).toBeNull();
    expect(multipartBoundary("text/plain")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it("rewrites a part's file name to filename* and leaves fields alone", () => {
    expect(rewritePartHeaders('Content-Disposition: form-data; name="files"; filename="C:\\t\\x\r\n.csv"\r\nContent-Type: text/csv')).toEqual({
      headers: "Content-Disposition: form-data; name=\"files\"; filename*=UTF-8''C%3A%5Ct%5Cx%0D%0A.csv\r\nContent-Type: text/csv",
      fileName: "C:\\t\\x\r\n.csv",
    });
    expect(rewritePartHeaders('content-disposition: form-data; name="note"')).toEqual({ headers: 'content-disposition: form-data; name="note"', fileName: null });
    expect(rewritePartHeaders("Content-Disposition: form-data; name=files; filename*=UTF-8''a%27%28b.csv; filename=\"ignored.csv\"")).toMatchObject({ fileName: "a'(b.csv" });
  });
});

describe("uploadTmpDir", () => {
  it("makes a new folder per upload and removes folders left over a day ago", () => {
    const old = uploadTmpDir(root, Date.now() - 2 * 86_400_000);
    utimesSync(old, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    const fresh = uploadTmpDir(root);
    expect(fresh).not.toBe(tmp);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(tmp)).toBe(true);
    expect(existsSync(fresh)).toBe(true);
  });
});
