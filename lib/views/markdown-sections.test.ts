import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { previewText } from "./data-preview";
import { inlineRuns, markdownSections } from "./markdown-sections";

describe("markdownSections", () => {
  it("splits ## sections into paragraphs and bullets with continuation lines", () => {
    const md = "# Title\n\nintro\n\n## Sessions (`sessions.ts`)\n- one\n  more\n- two\n\n## Other\nText\nwraps.\n";
    expect(markdownSections(md, "m-")).toEqual([
      { id: "m-sessions", title: "Sessions (`sessions.ts`)", blocks: [{ kind: "li", text: "one more" }, { kind: "li", text: "two" }] },
      { id: "m-other", title: "Other", blocks: [{ kind: "p", text: "Text wraps." }] },
    ]);
  });

  it("reads docs/metrics.md", () => {
    const sections = markdownSections(readFileSync(join(process.cwd(), "docs", "metrics.md"), "utf8"));
    expect(sections.map((s) => s.id)).toEqual(expect.arrayContaining(["sessions", "channels", "orders", "attribution"]));
    for (const s of sections) expect(s.blocks.length).toBeGreaterThan(0);
  });

  it("splits inline code and strong text, leaving markup-like text as text", () => {
    expect(inlineRuns("a `b` **c** <d>")).toEqual([
      { kind: "text", text: "a " },
      { kind: "code", text: "b" },
      { kind: "text", text: " " },
      { kind: "strong", text: "c" },
      { kind: "text", text: " <d>" },
    ]);
  });
});

describe("previewText", () => {
  it("keeps short values, cuts long ones and keeps the full value", () => {
    expect(previewText(null)).toEqual({ text: "", full: null });
    expect(previewText(12.5)).toEqual({ text: "12.5", full: null });
    const long = "x".repeat(60);
    expect(previewText(long, 10)).toEqual({ text: `${"x".repeat(9)}…`, full: long });
  });
});
