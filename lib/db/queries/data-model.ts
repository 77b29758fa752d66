import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataModelSvg } from "@/lib/views/data-model-doc";
import { markdownSections, type MarkdownSection } from "@/lib/views/markdown-sections";
import { EXPORT_TABLES } from "../export-tables";

export interface DataModelView {
  /** Our own generated markup (names escaped), drawn from prisma/schema.prisma at request time. */
  svg: string;
  /** The sections of docs/metrics.md (empty when the file is missing). */
  metrics: MarkdownSection[];
}

function orNull(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export function getDataModel(): DataModelView {
  // Literal paths, so the build traces these two files only (not the whole project).
  const schema = orNull(() => readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8"));
  if (schema === null) throw new Error(`prisma/schema.prisma not found under ${process.cwd()}: start the app from the project folder.`);
  const metrics = orNull(() => readFileSync(join(process.cwd(), "docs", "metrics.md"), "utf8"));
  return { svg: dataModelSvg(schema, EXPORT_TABLES, "fluid"), metrics: metrics ? markdownSections(metrics, "metric-") : [] };
}
