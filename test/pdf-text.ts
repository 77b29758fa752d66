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

// ---- layout: where the text sits on each page ------------------------------------------------

/** A line of text as a reader sees it: words side by side at one height, left to right (table cells included). */
export interface PdfLine {
  text: string;
  /** Top and bottom of the line's word boxes, in points from the top of the page. */
  top: number;
  bottom: number;
  left: number;
}

export interface PdfPageLayout {
  /** Page number, from 1. */
  page: number;
  width: number;
  height: number;
  /** Every line on the page, top to bottom (running header and footer included). */
  lines: PdfLine[];
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

interface Word { x0: number; y0: number; x1: number; y1: number; text: string }

/** Words into lines: a word joins the line its box overlaps vertically by at least half the smaller height. */
function wordsToLines(words: Word[]): PdfLine[] {
  const groups: { top: number; bottom: number; words: Word[] }[] = [];
  for (const w of [...words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
    const h = w.y1 - w.y0;
    const line = groups.find((g) => Math.min(g.bottom, w.y1) - Math.max(g.top, w.y0) >= 0.5 * Math.min(h, g.bottom - g.top));
    if (line) {
      line.words.push(w);
      line.top = Math.min(line.top, w.y0);
      line.bottom = Math.max(line.bottom, w.y1);
    } else {
      groups.push({ top: w.y0, bottom: w.y1, words: [w] });
    }
  }
  return groups
    .map((g) => {
      const ws = g.words.sort((a, b) => a.x0 - b.x0);
      // Letter-spaced text (KPI labels) comes out as single letters a little apart; a word space is wider.
      const text = ws.reduce((acc, w, i) => {
        if (i === 0) return w.text;
        const prev = ws[i - 1]!;
        return acc + (w.x0 - prev.x1 < 0.22 * (w.y1 - w.y0) ? "" : " ") + w.text;
      }, "");
      return { text, top: g.top, bottom: g.bottom, left: ws[0]!.x0 };
    })
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * The rendered PDF's text lines per page with their vertical positions (`pdftotext -bbox`), so tests
 * can check the layout a reader sees (how full each page is, what ends a page), not the React tree.
 */
export function pdfLayout(pdf: Buffer | Uint8Array): PdfPageLayout[] {
  assertPdftotext();
  const dir = mkdtempSync(join(tmpdir(), "pdf-layout-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, pdf);
    const html = execFileSync("pdftotext", ["-bbox", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    return html.split("<page ").slice(1).map((chunk, p) => {
      const size = /^width="([\d.]+)" height="([\d.]+)"/.exec(chunk);
      const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: unescapeXml(m[5]!),
      }));
      return { page: p + 1, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), lines: wordsToLines(words) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LayoutOptions {
  /**
   * What introduces content and must not end a page: section titles, their captions, sub-headings,
   * table header rows. A string matches a line that reads exactly so, or (12 characters or more) a
   * line that is part of it (a caption wrapped over lines), and must occur in the document; a RegExp
   * is tested against each line and may match none (headings that only some data prints).
   */
  headings: (string | RegExp)[];
  /**
   * The page's content area, in points from the top and from the bottom edge: lines outside it
   * (running header, footer) are not content. Defaults to the PDF kit's page padding (46, 54).
   */
  contentTop?: number;
  contentBottom?: number;
  /** Share of the content area's height every page but the last must fill at least (default a third). */
  minFill?: number;
}

export interface LayoutDefect {
  page: number;
  kind: "underfilled" | "orphaned heading" | "heading not found";
  detail: string;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

function isHeading(line: string, headings: (string | RegExp)[]): boolean {
  const l = collapse(line);
  return headings.some((h) => (typeof h === "string" ? l === collapse(h) || (l.length >= 12 && collapse(h).includes(l)) : h.test(l)));
}

/**
 * Layout defects a reader notices, read from the rendered PDF:
 * - "underfilled": on a page other than the last, the lowest content line ends above `minFill` (a
 *   third) of the content area's height: a page left nearly blank by a break or by a block that
 *   did not fit;
 * - "orphaned heading": the last content line of a page is a heading (see `headings`): a title, its
 *   caption or a table header with none of what it introduces below it on that page;
 * - "heading not found": a string in `headings` that no line of the document starts, so a renamed
 *   heading cannot silently escape the check.
 */
export function layoutDefects(pdf: Buffer | Uint8Array, options: LayoutOptions): LayoutDefect[] {
  const { headings, contentTop = 46, contentBottom = 54, minFill = 1 / 3 } = options;
  const pages = pdfLayout(pdf);
  const defects: LayoutDefect[] = [];
  for (const page of pages) {
    const bottomEdge = page.height - contentBottom;
    const content = page.lines.filter((l) => (l.top + l.bottom) / 2 >= contentTop && (l.top + l.bottom) / 2 <= bottomEdge);
    const last = [...content].sort((a, b) => b.bottom - a.bottom)[0];
    const usable = bottomEdge - contentTop;
    const filled = last ? (last.bottom - contentTop) / usable : 0;
    if (page.page < pages.length && filled < minFill) {
      defects.push({ page: page.page, kind: "underfilled", detail: `content ends ${Math.round(filled * 100)}% down the page${last ? ` ("${collapse(last.text)}")` : " (no text)"}` });
    }
    if (last && isHeading(last.text, headings)) {
      defects.push({ page: page.page, kind: "orphaned heading", detail: `the page ends on "${collapse(last.text)}"` });
    }
  }
  const all = pages.flatMap((p) => p.lines.map((l) => collapse(l.text)));
  for (const h of headings) {
    if (typeof h === "string" && !all.some((l) => l === collapse(h) || (collapse(h).startsWith(l) && l.length >= 12))) {
      defects.push({ page: 0, kind: "heading not found", detail: h });
    }
  }
  return defects;
}
