/**
 * docs/data-model.md and docs/data-model.svg are generated from the schema and the export registry.
 * This test fails when the committed files are out of date. With UPDATE_DOCS=1 it also rewrites
 * the stale ones, and still fails: the comparison is always against the files as they were before
 * the run, so a rewrite never passes; the next run (after reviewing and committing) does.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPORT_TABLES } from "@/lib/db/export-tables";
import { dataModelMarkdown, dataModelSvg, diagramNotes, exportLabel, UPDATE_COMMAND } from "./data-model-doc";

const root = process.cwd();
const schema = readFileSync(join(root, "prisma", "schema.prisma"), "utf8");
const read = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
};

describe("docs/data-model.*", () => {
  // Each file is read once, here, before anything may write it: that text is what is compared.
  const files = [
    { path: join(root, "docs", "data-model.md"), text: dataModelMarkdown(schema, EXPORT_TABLES) },
    { path: join(root, "docs", "data-model.svg"), text: dataModelSvg(schema, EXPORT_TABLES) },
  ].map((f) => ({ ...f, committed: read(f.path) }));

  it("are up to date with prisma/schema.prisma and lib/db/export-tables.ts", () => {
    const stale = files.filter((f) => f.committed !== f.text);
    const names = stale.map((f) => f.path.slice(root.length + 1));
    if (stale.length > 0 && process.env.UPDATE_DOCS === "1") {
      for (const f of stale) writeFileSync(f.path, f.text);
      expect(names, `UPDATE_DOCS=1 rewrote ${names.join(", ")} from the schema and the export registry: review and commit them, then run the test again`).toEqual([]);
    }
    expect(names, `docs/data-model.* are out of date: run \`${UPDATE_COMMAND}\` (it rewrites them and fails once), review and commit`).toEqual([]);
  });

  it("documents every model, relation and export column", () => {
    const md = files[0]!.text;
    for (const model of ["Run", "Session", "Order", "AttributionCredit", "Partition"]) expect(md).toContain(`### ${model}\n`);
    expect(md).toContain("| `Order.sessionId` | `Session.sessionId` |");
    for (const table of EXPORT_TABLES) {
      expect(md).toContain(`### ${table.name}\n`);
      for (const c of table.columns) expect(md).toContain(`| \`${c.name}\` |`);
    }
    expect(md).toContain("![Data model: tables, keys and how they relate](data-model.svg)");
  });
});

describe("export labels", () => {
  it("collapses families of exports", () => {
    expect(exportLabel(["sessions", "touchpoints"])).toBe("sessions, touchpoints");
    expect(exportLabel(["attribution_a", "attribution_b", "attribution_c"])).toBe("attribution_* (3)");
    expect(diagramNotes(EXPORT_TABLES)).toMatchObject({ EventChunk: "CSV: events", Order: "CSV: orders", AttributionCredit: "CSV: attribution_* (8)", Run: "CSV: conversion_paths, monitoring_checks" });
  });
});
