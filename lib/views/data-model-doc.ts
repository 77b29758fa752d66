/**
 * docs/data-model.md and docs/data-model.svg, generated from the schema (lib/db/schema-model.ts)
 * and the export registry (lib/db/export-tables.ts), so the docs cannot drift: a test
 * (data-model-doc.test.ts) fails when the committed files differ; with UPDATE_DOCS=1 it rewrites
 * them and still fails that run (the new files are to be reviewed and committed).
 * Pure: takes the schema text and the registry.
 */
import type { ExportTable } from "@/lib/db/export-tables";
import { columnsOf, dataModel, keyTags, type DataModel } from "@/lib/db/schema-model";
import { erDiagramSvg } from "./er-diagram";

export const UPDATE_COMMAND = "UPDATE_DOCS=1 npx vitest run lib/views/data-model-doc.test.ts";

/** The model an export table reads from: its `from` table, or the table named in its JSON FROM clause. */
export function exportSource(table: ExportTable): string {
  return table.from.startsWith("json:") ? (/"(\w+)"/.exec(table.from)?.[1] ?? "Run") : table.from;
}

/** "sessions, touchpoints"; three or more names sharing a first word collapse to "attribution_* (6)". */
export function exportLabel(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const head = n.split("_")[0] ?? n;
    groups.set(head, [...(groups.get(head) ?? []), n]);
  }
  return [...groups.entries()].map(([head, g]) => (g.length > 2 ? `${head}_* (${g.length})` : g.join(", "))).join(", ");
}

/** Footer notes for the diagram: the CSV exports each model feeds, and what the isolated tables are. */
export function diagramNotes(tables: ExportTable[]): Record<string, string> {
  const byModel = new Map<string, string[]>();
  for (const t of tables) byModel.set(exportSource(t), [...(byModel.get(exportSource(t)) ?? []), t.name]);
  const notes: Record<string, string> = { Partition: "uploaded files (the data set)" };
  for (const [model, names] of byModel) notes[model] = `CSV: ${exportLabel(names)}`;
  return notes;
}

export function dataModelSvg(schema: string, tables: ExportTable[], width: "fixed" | "fluid" = "fixed"): string {
  return erDiagramSvg(dataModel(schema), { notes: diagramNotes(tables), width });
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (s: string) => `\`${s}\``;
const tuple = (fields: string[]) => code(`(${fields.join(", ")})`);

function relationsSection(m: DataModel): string[] {
  const out: string[] = ["## How the tables relate", ""];
  const fks = m.relations.filter((r) => r.kind === "foreign");
  const hubs = [...new Set(fks.map((r) => r.to))];
  for (const hub of hubs) {
    const from = fks.filter((r) => r.to === hub);
    const doc = m.models.find((x) => x.name === hub)?.doc;
    out.push(`- ${code(hub)}${doc ? `: ${doc}` : ""}`);
    out.push(`  ${from.length} tables hold a declared foreign key to it (on delete: ${[...new Set(from.map((r) => r.onDelete ?? "default"))].join(", ")}):`);
    out.push(`  ${from.map((r) => `${code(`${r.from}.${r.fields.join(", ")}`)}`).join(", ")}.`);
  }
  const logical = m.relations.filter((r) => r.kind === "logical");
  if (logical.length) {
    out.push(
      "- Logical keys: the same value within one run. The database does not enforce them (each run is",
      "  saved as a whole in one transaction); join on `runId` as well.",
      "",
      "  | from | to |",
      "  | --- | --- |",
      ...logical.map((r) => `  | ${code(`${r.from}.${r.fields.join(", ")}`)} | ${code(`${r.to}.${r.references.join(", ")}`)} |`),
    );
  }
  const related = new Set(m.relations.flatMap((r) => [r.from, r.to]));
  for (const alone of m.models.filter((x) => !related.has(x.name))) out.push(`- ${code(alone.name)} is not per run.${alone.doc ? ` ${alone.doc}` : ""}`);
  return [...out, ""];
}

function tablesSection(m: DataModel, tables: ExportTable[]): string[] {
  const out: string[] = ["## Tables", ""];
  for (const model of m.models) {
    out.push(`### ${model.name}`, "");
    if (model.doc) out.push(model.doc, "");
    out.push("| column | type | key | notes |", "| --- | --- | --- | --- |");
    for (const f of columnsOf(model)) {
      const notes = [f.doc, f.default !== null ? `default ${code(f.default)}` : null].filter(Boolean).join("; ");
      out.push(`| ${code(f.name)} | ${f.type}${f.optional ? "?" : ""} | ${keyTags(model, f, m.relations).join(" ")} | ${cell(notes)} |`);
    }
    out.push("");
    const facts = [
      ...model.uniques.map((u) => `Unique ${tuple(u)}`),
      ...model.indexes.map((i) => `Index ${tuple(i)}`),
      ...m.relations.filter((r) => r.from === model.name && r.kind === "logical").map((r) => `${code(r.fields.join(", "))} → ${code(`${r.to}.${r.references.join(", ")}`)} (logical)`),
    ];
    const exports = tables.filter((t) => exportSource(t) === model.name).map((t) => code(t.name));
    if (exports.length) facts.push(`CSV exports: ${exports.join(", ")}`);
    if (facts.length) out.push(`${facts.join(". ")}.`, "");
  }
  return out;
}

function exportsSection(tables: ExportTable[]): string[] {
  const out: string[] = [
    "## CSV exports",
    "",
    "Every table of a run as CSV with stable column names: the Data page (Download CSV, streamed),",
    "and `npm run pipeline -- <files> --out <dir>` (all of them plus `manifest.json`). Values that a",
    "spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading `'`.",
    "",
  ];
  for (const t of tables) {
    out.push(`### ${t.name}`, "", `${t.description}. Source: ${code(exportSource(t))}${t.where ? `, where ${code(t.where)}` : ""}.`, "");
    out.push("| column | description |", "| --- | --- |", ...t.columns.map((c) => `| ${code(c.name)} | ${cell(c.description)} |`), "");
  }
  return out;
}

export function dataModelMarkdown(schema: string, tables: ExportTable[]): string {
  const m = dataModel(schema);
  return [
    "# Data model",
    "",
    `<!-- Generated by lib/views/data-model-doc.ts from prisma/schema.prisma and lib/db/export-tables.ts. Do not edit; run: ${UPDATE_COMMAND} -->`,
    "",
    `${m.models.length} tables in \`prisma/schema.prisma\`. The diagram below is drawn from the schema by the`,
    "app (the Data page shows the same one); it lists each table's key columns.",
    "",
    "![Data model: tables, keys and how they relate](data-model.svg)",
    "",
    ...relationsSection(m),
    ...tablesSection(m, tables),
    ...exportsSection(tables),
  ].join("\n");
}
