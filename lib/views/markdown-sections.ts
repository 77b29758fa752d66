/**
 * Splits a small Markdown document (docs/metrics.md) into its `##` sections of paragraphs and
 * bullets, so a page can show the definitions in-app as text (no HTML is produced or trusted).
 * Inline markup is split into plain, `code` and **strong** runs for the renderer.
 */

export interface MarkdownBlock {
  kind: "p" | "li";
  text: string;
}

export interface MarkdownSection {
  id: string;
  title: string;
  blocks: MarkdownBlock[];
}

export interface InlineRun {
  kind: "text" | "code" | "strong";
  text: string;
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/`[^`]*`/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function markdownSections(text: string, idPrefix = ""): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection | null = null;
  let block: MarkdownBlock | null = null;
  for (const line of text.split(/\r?\n/)) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      current = { id: `${idPrefix}${slug(heading[1]!)}`, title: heading[1]!.trim(), blocks: [] };
      sections.push(current);
      block = null;
      continue;
    }
    if (!current || line.startsWith("#")) continue;
    if (!line.trim()) {
      block = null;
      continue;
    }
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (bullet) {
      block = { kind: "li", text: bullet[1]! };
      current.blocks.push(block);
    } else if (block) {
      block.text += ` ${line.trim()}`;
    } else {
      block = { kind: "p", text: line.trim() };
      current.blocks.push(block);
    }
  }
  return sections;
}

export function inlineRuns(text: string): InlineRun[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((part): InlineRun =>
      part.startsWith("`") && part.endsWith("`") && part.length > 1
        ? { kind: "code", text: part.slice(1, -1) }
        : part.startsWith("**") && part.endsWith("**") && part.length > 4
          ? { kind: "strong", text: part.slice(2, -2) }
          : { kind: "text", text: part },
    );
}
