/** Checks on a file's header: alias spellings and missing columns. */
import type { CheckContext, CheckResult } from "./context";

export function checkHeaderAliases(ctx: CheckContext): CheckResult {
  return {
    findings: ctx.files
      .filter((f) => f.aliases.length > 0)
      .map((f) => ({
        code: "HEADER_ALIAS" as const,
        severity: "info" as const,
        file: f.name,
        day: f.day,
        count: f.rows,
        message: `Header spells ${f.aliases.map((a) => `${a.from} (read as ${a.to})`).join(", ")}; ${f.rows} rows read through the alias.`,
        examples: f.aliases.map((a) => ({ file: f.name, line: 1, value: `${a.from} → ${a.to}` })),
      })),
  };
}

export function checkMissingColumns(ctx: CheckContext): CheckResult {
  return {
    findings: ctx.files
      .filter((f) => f.missingColumns.length > 0)
      .map((f) => ({
        code: "MISSING_COLUMN" as const,
        severity: "warning" as const,
        file: f.name,
        day: f.day,
        count: f.rows,
        message: `Column ${f.missingColumns.join(", ")} is missing: ${f.rows} rows carry explicit nulls there${
          f.missingColumns.includes("referrer") ? " (their sessions cannot be classified by referrer)" : ""
        }.`,
        examples: [{ file: f.name, line: 1, value: f.header.join(",") }],
      })),
  };
}
