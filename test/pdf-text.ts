/**
 * The text a reader sees in a PDF, extracted with poppler's `pdftotext -layout` (installed by
 * `.ci/run`), so tests can assert the figures a report prints instead of its byte size.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PdfText {
  /** The whole document, pages separated by form feeds ("\f"). */
  text: string;
  /** One entry per page (pdftotext ends every page with a form feed). */
  pages: string[];
}

let checked = false;

function assertPdftotext(): void {
  if (checked) return;
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "pipe" });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error("pdftotext is not installed: PDF tests read the text of the reports with it. Install poppler-utils (apt-get install poppler-utils; .ci/run does).");
    }
    // `pdftotext -v` exits non-zero on some poppler versions; it ran, so it is there.
  }
  checked = true;
}

/** Text of a PDF, laid out as on the page (`pdftotext -layout`), whole and per page. */
export function pdfText(pdf: Buffer | Uint8Array): PdfText {
  assertPdftotext();
  const dir = mkdtempSync(join(tmpdir(), "pdf-text-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, pdf);
    // stderr is kept in the thrown error (a file that is not a PDF), not echoed into the test output.
    const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    const pages = text.split("\f");
    // The text ends with a form feed after the last page: drop the empty tail.
    if (pages.length > 1 && pages[pages.length - 1]!.trim() === "") pages.pop();
    return { text, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines of a text with runs of spaces collapsed to one (layout columns become single spaces). */
export function lines(text: string): string[] {
  return text.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l.length > 0);
}

/** The first line that starts with `start` (after collapsing spaces), or undefined. */
export function lineStartingWith(text: string, start: string): string | undefined {
  return lines(text).find((l) => l.startsWith(start));
}

/** The lines (spaces collapsed) that contain `part`. */
export function linesContaining(text: string, part: string): string[] {
  return lines(text).filter((l) => l.includes(part));
}

/** Integer formatting the way a reader sees it: 33008 → "33,008" (independent of the report's own formatters). */
export const int = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Dollars: (1234.5) → "$1,234.50", (1234.5, 0) → "$1,235", negatives as "-$12.00". */
export const usd = (n: number, digits = 2): string =>
  `${n < 0 ? "-" : ""}$${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

/** A ratio as a percentage: (0.158) → "15.8%". */
export const pct = (ratio: number, digits = 1): string =>
  `${(ratio * 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;

/**
 * Words drawn over other words, per page: what a report shows when its content is taller than a
 * fixed page and the layout squeezes text boxes (the text is all there for `pdfText`, but unreadable).
 * Two words collide when their boxes (`pdftotext -bbox`) intersect by over a third of the smaller
 * height and by more than half a point across.
 */
export function overlappingWords(pdf: Buffer | Uint8Array): { page: number; a: string; b: string }[] {
  assertPdftotext();
  const dir = mkdtempSync(join(tmpdir(), "pdf-bbox-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, pdf);
    const html = execFileSync("pdftotext", ["-bbox", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    const out: { page: number; a: string; b: string }[] = [];
    html.split("<page ").slice(1).forEach((page, p) => {
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]!,
      }));
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j < words.length; j++) {
          const a = words[i]!;
          const b = words[j]!;
          const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
          const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
          if (dx > 0.5 && dy > Math.min(a.y1 - a.y0, b.y1 - b.y0) / 3) out.push({ page: p + 1, a: a.text, b: b.text });
        }
      }
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
