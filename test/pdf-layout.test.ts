/**
 * The layout checks of test/pdf-text.ts catch what they are for: tiny react-pdf documents laid out
 * badly on purpose (a heading pushed to the bottom of a page, a page left nearly blank) are flagged,
 * and the same documents laid out well are not.
 */
import { createElement as h, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { Document, Page, Text, View, renderPdf } from "@/lib/reports/pdf-kit";
import { layoutDefects, pdfLayout } from "./pdf-text";

const PAGE = { paddingTop: 46, paddingBottom: 54, paddingHorizontal: 40, fontSize: 9 };
const heading = (text: string, props: Record<string, unknown> = {}) => h(View, { ...props, style: { marginTop: 14, marginBottom: 6 } }, h(Text, { style: { fontSize: 12.5, fontFamily: "Helvetica-Bold" } }, text));
const para = (text: string, key?: number) => h(Text, { key, style: { fontSize: 9, marginBottom: 5 } }, text);
/** A block of `height` points whose one line of text sits at its bottom (as a chart's axis labels do). */
const filler = (height: number) => h(View, { wrap: false, style: { height, justifyContent: "flex-end" } }, para(`Filler of ${height} points ends here.`));
const doc = (...children: ReactNode[]) => renderPdf(h(Document, null, h(Page, { size: "A4", style: PAGE, wrap: true }, ...children)));
let keys = 0;
const body = (n: number) => Array.from({ length: n }, (_, i) => para(`Body line ${i + 1} of the section that the heading introduces.`, keys++));
const HEADINGS = ["Introduction", "Details", "Appendix"];

describe("pdfLayout", () => {
  it("reads each page's lines with their positions, top to bottom", async () => {
    const pdf = await doc(heading("Introduction"), para("First line."), para("Second line."));
    const [page] = pdfLayout(pdf);
    expect(page!.height).toBeCloseTo(841.89, 1);
    expect(page!.lines.map((l) => l.text)).toEqual(["Introduction", "First line.", "Second line."]);
    const [a, b, c] = page!.lines;
    // 46 pt padding + 14 pt margin: the heading starts about 60 pt down; each line below the one before.
    expect(a!.top).toBeGreaterThan(55);
    expect(a!.top).toBeLessThan(65);
    expect(b!.top).toBeGreaterThan(a!.bottom);
    expect(c!.top).toBeGreaterThan(b!.bottom);
  });
});

describe("layoutDefects", () => {
  it("catches a heading forced to the bottom of a page and a near-empty page", async () => {
    const bad = await doc(
      heading("Introduction"),
      ...body(3),
      // Fills page 1 down to just above its bottom, so "Details" lands last on it and its body goes over.
      filler(600),
      heading("Details"),
      h(View, { wrap: false }, ...body(6)),
      filler(500),
      // Page 3 holds three lines, then a forced break: a near-empty page before the last.
      heading("Appendix", { break: true }),
      ...body(2),
      h(View, { break: true }, para("The last page may be short.")),
    );
    const defects = layoutDefects(bad, { headings: HEADINGS });
    expect(defects).toEqual([
      { page: 1, kind: "orphaned heading", detail: 'the page ends on "Details"' },
      { page: 3, kind: "underfilled", detail: expect.stringMatching(/^content ends \d+% down the page \("Body line 2 of the section/) },
    ]);
  });

  it("passes the same content kept together: the heading moves with its body, no forced break", async () => {
    const good = await doc(
      heading("Introduction"),
      ...body(3),
      filler(600),
      heading("Details", { minPresenceAhead: 100 }),
      h(View, { wrap: false }, ...body(6)),
      filler(500),
      heading("Appendix"),
      ...body(2),
      para("The last page may be short."),
    );
    const pages = pdfLayout(good);
    expect(pages).toHaveLength(2);
    // "Details" left page 1 for page 2, where its body follows it.
    const texts = pages.map((p) => p.lines.map((l) => l.text));
    expect(texts[0]).not.toContain("Details");
    expect(texts[1]!.indexOf("Details") + 1).toBe(texts[1]!.indexOf("Body line 1 of the section that the heading introduces."));
    expect(layoutDefects(good, { headings: HEADINGS })).toEqual([]);
  });

  it("reports a heading it was told about but never finds, so a renamed heading fails loudly", async () => {
    const pdf = await doc(heading("Introduction"), ...body(2));
    // Strings must be there; patterns (headings only some data prints) need not.
    expect(layoutDefects(pdf, { headings: ["Introduction", "Summary", /^Totals\b/] })).toEqual([{ page: 0, kind: "heading not found", detail: "Summary" }]);
  });

  it("measures fill against the content area, ignoring the footer", async () => {
    // One line at the top of page 1, then a footer-like line at the very bottom (outside the content area).
    const pdf = await doc(para("Alone at the top."), h(View, { fixed: true, style: { position: "absolute", bottom: 24, left: 40 } }, h(Text, null, "Footer")), h(View, { break: true }, para("Page two.")));
    // The footer is on the page but not content: page 1 counts as ending with its first line.
    expect(pdfLayout(pdf)[0]!.lines.map((l) => l.text)).toEqual(["Alone at the top.", "Footer"]);
    expect(layoutDefects(pdf, { headings: [] })).toEqual([{ page: 1, kind: "underfilled", detail: 'content ends 1% down the page ("Alone at the top.")' }]);
    // A lower bar (1%) lets the same page pass.
    expect(layoutDefects(pdf, { headings: [], minFill: 0.01 })).toEqual([]);
  });
});
