import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { finished } from "node:stream/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { csvField, parseCsv } from "../lib/pipeline/csv";
import { dayExport, eventRow, HEADER } from "../test/csv-builder";
import { ADMIN_PASSWORD, signInAs } from "./auth";

// The upload route (POST /api/uploads): a large batch streamed from the Runs page with a progress
// bar; raw file names that try to leave the data folder or carry control characters, refused
// before anything is stored; sizes past the limit; malformed bodies; no session. The batch's days
// lie more than a year back, away from the demo's and e2e/runs.spec.ts's, and are removed again.

const RUN_TIMEOUT = 240_000;
const MB = 1024 * 1024;
const day = (daysBack: number) => new Date(Date.now() - daysBack * 86_400_000).toISOString().slice(0, 10);
const fileName = (d: string) => `events_${d.replace(/-/g, "")}.csv`;
/** The upload's temporary folders on the e2e server (playwright.config.ts: DATA_DIR = E2E_DIR/data). */
const TMP_UPLOADS = join(process.env.E2E_DIR ?? "", "data", "tmp", "uploads");
/** Each API request on its own connection: a kept-alive one may be closed by the server (5 s idle limit) just as it is reused. */
const FRESH = { headers: { connection: "close" } };

let dir = "";
let batch: string[] = [];

/** A valid day's export of about `bytes` bytes: page views with long campaign URLs, one purchase. */
async function writeDay(path: string, d: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  let size = 0;
  const write = (fields: string[]) => {
    const line = `${fields.map(csvField).join(",")}\n`;
    size += Buffer.byteLength(line);
    return out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  await write(HEADER);
  const padding = `spring-sale-${"x".repeat(600)}`;
  for (let i = 0; size < bytes; i++) {
    const t = `${d}T${String(Math.floor(i / 3600) % 24).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.000Z`;
    await write(eventRow({ client: `${1740268798 + (i % 5000)}-batch${i % 5000}`, ts: t, url: `https://shop.example/products/mattress?variant=${i}&utm_campaign=${padding}` }));
  }
  out.end();
  await finished(out);
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "e2e-uploads-"));
  // 14 days, about 125 MB together, each well under the 50 MB limit.
  const per = Math.ceil((125 * MB) / 14);
  batch = [];
  for (let i = 0; i < 14; i++) {
    const path = join(dir, fileName(day(400 + i)));
    await writeDay(path, day(400 + i), per);
    batch.push(path);
  }
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type RunsData = { runs: { id: number; status: string }[]; partitions: { name: string; hash: string }[] };
async function dataSet(request: APIRequestContext): Promise<{ topRun: number; partitions: string[] }> {
  const res = await request.get("/api/runs", FRESH);
  expect(res.status()).toBe(200);
  const data = (await res.json()) as RunsData;
  return { topRun: Math.max(0, ...data.runs.map((r) => r.id)), partitions: data.partitions.map((p) => `${p.name} ${p.hash}`).sort() };
}

/** A multipart/form-data body written by hand, so each part's filename is exactly the given bytes. */
function multipart(parts: { filename: string; content: string | Buffer }[], opts: { close?: boolean } = {}): { body: Buffer; contentType: string } {
  const boundary = "----e2eUploadBoundary4f1c2a";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="`, "latin1"));
    chunks.push(Buffer.from(p.filename, "latin1"));
    chunks.push(Buffer.from(`"\r\nContent-Type: text/csv\r\n\r\n`, "latin1"));
    chunks.push(typeof p.content === "string" ? Buffer.from(p.content) : p.content);
    chunks.push(Buffer.from("\r\n"));
  }
  if (opts.close !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Every upload posted here is refused, so sending one again changes nothing.
const post = (request: APIRequestContext, m: { body: Buffer; contentType: string }) => request.post("/api/uploads", { headers: { "content-type": m.contentType, connection: "close" }, data: m.body });

function expectNoTempFiles(): void {
  if (existsSync(TMP_UPLOADS)) expect(readdirSync(TMP_UPLOADS), "upload temp folders left behind").toEqual([]);
}

async function waitForRun(page: Page, runId: number): Promise<void> {
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(row).toHaveAttribute("data-status", /succeeded|failed/, { timeout: RUN_TIMEOUT });
  await expect(row).toHaveAttribute("data-status", "succeeded");
}

test.describe.serial("Uploads through POST /api/uploads", () => {
  test("a 14-file batch of about 125 MB streams in with a progress bar, is accepted and starts one run", async ({ page }) => {
    test.setTimeout(3 * RUN_TIMEOUT);
    const total = batch.reduce((n, f) => n + statSync(f).size, 0);
    expect(total).toBeGreaterThan(124 * MB);
    expect(Math.max(...batch.map((f) => statSync(f).size))).toBeLessThan(50 * MB);

    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.goto("/runs");
    const before = await dataSet(page.request);
    await page.getByLabel("Choose files").setInputFiles(batch);
    await expect(page.getByRole("list", { name: "Chosen files" }).getByText("ready")).toHaveCount(14);
    await page.getByRole("button", { name: "Upload 14 files" }).click();

    const bar = page.getByRole("progressbar", { name: "Upload progress" });
    await expect(bar).toBeVisible();
    // Every byte sent; the server then checks and stores the files.
    await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
    await expect(bar).toHaveAttribute("aria-valuetext", "100%, checking and storing on the server…");
    await expect(page.getByTestId("upload-progress")).toContainText("Uploading 14 files");

    const result = page.locator("main").getByRole("status").filter({ hasText: "started" });
    await expect(result).toContainText("14 file(s) added or replaced; run #", { timeout: 120_000 });
    await expect(bar).toHaveCount(0);
    for (const f of batch) await expect(result.locator('li[data-status="added"]', { hasText: basename(f) })).toBeVisible();
    const runId = Number(/run #(\d+)/.exec(await result.locator("p").innerText())![1]);
    expect(runId).toBeGreaterThan(before.topRun);
    expectNoTempFiles();

    await waitForRun(page, runId);
    const table = page.getByRole("table", { name: "Data set" });
    for (const f of batch) await expect(table.locator(`tr[data-file="${basename(f)}"]`)).toContainText("Upload");
    // One audit entry per file, naming its run.
    const csv = await page.request.get("/api/audit", FRESH);
    const rows: string[][] = [];
    parseCsv(await csv.text(), (fields) => rows.push(fields));
    const uploads = rows.filter((r) => r[2] === "upload" && r[4] === `run #${runId}`);
    expect(uploads.map((r) => r[3]).sort()).toEqual(batch.map((f) => basename(f)).sort());
    expect(uploads.every((r) => r[1] === "admin")).toBe(true);

    // Taken out again, so the other tests see the demo data set.
    for (const f of batch) {
      await page.getByRole("button", { name: `Remove ${basename(f)}` }).click();
      await page.getByRole("button", { name: "Yes, remove" }).click();
      await expect(page.locator("main").getByRole("status").filter({ hasText: `Removed ${basename(f)}` })).toBeVisible();
    }
    const last = await dataSet(page.request);
    expect(last.partitions).toEqual(before.partitions);
    await waitForRun(page, last.topRun);
  });

  test("raw names with folders, absolute paths, drive letters or control characters are refused with 400, naming the file; nothing is stored", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    const before = await dataSet(page.request);
    const good = { filename: fileName(day(500)), content: dayExport(day(500), 5, 40) };
    const cases: [raw: string, shown: string, problem: RegExp][] = [
      ["../../x.csv", "../../x.csv", /a file name may not contain folders or "\.\."/],
      ["/etc/cron.d/x.csv", "/etc/cron.d/x.csv", /a file name may not be an absolute path/],
      ["C:\\temp\\x.csv", "C:\\temp\\x.csv", /a file name may not start with a drive letter/],
      ["..\\..\\x.csv", "..\\..\\x.csv", /a file name may not contain folders or "\.\."/],
      ["x\r\n.csv", "x\\r\\n.csv", /a file name may not contain control characters/],
      ["x\n.csv", "x\\n.csv", /a file name may not contain control characters/],
      ["x\0.csv", "x\\0.csv", /a file name may not contain control characters/],
      ["x%0D%0A.csv", "x\\r\\n.csv", /a file name may not contain control characters/], // a browser's encoding of CR LF
    ];
    for (const [raw, shown, problem] of cases) {
      const res = await post(page.request, multipart([good, { filename: raw, content: dayExport(day(501), 5, 40) }]));
      expect(res.status(), JSON.stringify(raw)).toBe(400);
      const body = await res.json();
      expect(body.ok).toBe(false);
      expect(body.error).toBe("1 of 2 files were rejected; nothing was uploaded.");
      expect(body.files).toHaveLength(1);
      expect(body.files[0].name).toBe(shown);
      expect(body.files[0].error.startsWith(`"${shown}": `)).toBe(true);
      expect(body.files[0].error).toMatch(problem);
    }
    // All at once: every refused file is listed.
    const all = await post(page.request, multipart(cases.map(([raw]) => ({ filename: raw, content: "client_id\n" }))));
    expect(all.status()).toBe(400);
    expect(((await all.json()).files as { name: string }[]).map((f) => f.name)).toEqual(cases.map(([, shown]) => shown));

    expect(await dataSet(page.request)).toEqual(before);
    await page.goto("/runs");
    const table = page.getByRole("table", { name: "Data set" });
    await expect(table.locator(`tr[data-file="${good.filename}"]`)).toHaveCount(0);
    await expect(table.locator('tr[data-file="x.csv"]')).toHaveCount(0);
    expectNoTempFiles();
  });

  test("a file past the size limit, a malformed body and a body of another type are refused with a message, not a 500", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    const before = await dataSet(page.request);

    const tooBig = Buffer.alloc(50 * MB + 1, "a");
    const big = await post(page.request, multipart([{ filename: fileName(day(502)), content: tooBig }]));
    expect(big.status()).toBe(413);
    expect(await big.json()).toEqual({
      ok: false,
      error: "1 of 1 files were rejected; nothing was uploaded.",
      files: [{ name: fileName(day(502)), error: "The file is larger than the upload limit of 50 MB. Split it into daily files, or gzip it (.csv.gz)." }],
    });

    const cut = await post(page.request, multipart([{ filename: fileName(day(503)), content: dayExport(day(503), 5, 40) }], { close: false }));
    expect(cut.status()).toBe(400);
    expect((await cut.json()).error).toMatch(/^The upload could not be read as multipart\/form-data \(unexpected end of form\); nothing was uploaded\.$/);

    const form = await page.request.post("/api/uploads", { headers: { "content-type": "application/json", connection: "close" }, data: { files: ["x.csv"] } });
    expect(form.status()).toBe(400);
    expect((await form.json()).error).toMatch(/^Send the files as multipart\/form-data/);

    const none = await post(page.request, multipart([]));
    expect(none.status()).toBe(400);

    expect(await dataSet(page.request)).toEqual(before);
    expectNoTempFiles();
  });

  test("without a session the route answers 401 and stores nothing", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const before = await dataSet(anonymous);
    const res = await post(anonymous, multipart([{ filename: fileName(day(504)), content: dayExport(day(504), 5, 40) }]));
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: "Sign in as an analyst to do this." });
    expect(await dataSet(anonymous)).toEqual(before);
    await anonymous.dispose();
  });
});
