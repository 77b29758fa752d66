/**
 * The docs list what the code has, and the code has what the docs list: environment variables
 * (README's Configuration table), npm commands (README and docs/*.md against package.json) and
 * finding codes (the FindingCode union, docs/finding-codes.md and README's table). Read from the
 * files as text: nothing here asks the code what it thinks it has.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const text = (path: string) => readFileSync(join(root, path), "utf8");
const readme = text("README.md");
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The README section under `## title`, up to the next `## ` heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Backticked names in the first cell of each table row of a markdown text. */
function firstCellNames(markdown: string, pattern: RegExp): string[] {
  const names: string[] = [];
  for (const line of markdown.split("\n")) {
    const cell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/`([^`]+)`/g)) if (pattern.test(m[1]!)) names.push(m[1]!);
  }
  return names;
}

// ---- environment variables -----------------------------------------------------------------

/** Where the code reads the environment: the app, its command line, its configs and tests. */
const SOURCE_ROOTS = ["lib", "app", "scripts", "components", "test", "e2e"];
const SOURCE_FILES = ["instrumentation.ts", "next.config.js", "playwright.config.ts", "prisma.config.ts", "vitest.config.mts"];
const SELF = relative(root, __filename);

/** Read but deliberately not in the README, each with its reason. */
const NOT_CONFIGURATION: Record<string, string> = {
  NODE_ENV: "set by Next.js and Node tooling, not by the operator",
  NEXT_RUNTIME: "set by Next.js for instrumentation.ts (nodejs or edge)",
  RUN_WORKER_PARENT_PID: "set by the web server for the run worker it starts (lib/runs/worker.ts); not a setting",
  NEXT_TELEMETRY_DISABLED: "Next.js's own switch, set to 1 by the npm scripts and scripts/server.mjs (no telemetry is sent)",
};

/** `process.env[expr]` / `env[expr]` whose key is not a constant, each with its reason. */
const DYNAMIC_READS: Record<string, string> = {
  "prisma.config.ts: process.env[key]": "fills in Prisma's own engine variables when unset; not read as configuration",
};

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|cjs|mts)$/.test(name) && path !== SELF) out.push(path);
    }
  };
  for (const dir of SOURCE_ROOTS) walk(dir);
  return [...out, ...SOURCE_FILES];
}

/** Names the code reads: `process.env.X`, `env.X` (an env parameter), `env["X"]`, `env[CONST]`; assignments and deletes alone do not count. */
function envReads(): { names: Map<string, string[]>; dynamic: string[] } {
  const files = sourceFiles().map((path) => ({ path, code: text(path) }));
  // String constants that name a variable (`export const LEASE_STALE_ENV = "RUN_LEASE_STALE_MS"`).
  const constants = new Map<string, string>();
  for (const { code } of files) for (const m of code.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*"([A-Z][A-Z0-9_]*)"/g)) constants.set(m[1]!, m[2]!);
  const names = new Map<string, string[]>();
  const dynamic: string[] = [];
  const add = (name: string, path: string) => names.set(name, [...(names.get(name) ?? []), path]);
  for (const { path, code } of files) {
    for (const m of code.matchAll(/(?<![\w$.])(?<!\bdelete\s+)(process\.)?env(?:\.([A-Za-z_$][\w$]*)(?![\w$])|\[\s*([^\]]+?)\s*\])(?!\s*=[^=])/g)) {
      const [, qualified, dotted, index] = m;
      if (dotted !== undefined) {
        if (qualified || /^[A-Z][A-Z0-9_]*$/.test(dotted)) add(dotted, path);
        continue;
      }
      const literal = /^["'`]([A-Z][A-Z0-9_]*)["'`]$/.exec(index!)?.[1] ?? constants.get(index!);
      if (literal) add(literal, path);
      else dynamic.push(`${path}: ${m[0]}`);
    }
  }
  // package.json scripts read shell variables: `${PORT:-3000}`.
  const pkg = JSON.parse(text("package.json")) as { scripts: Record<string, string> };
  for (const script of Object.values(pkg.scripts)) for (const m of script.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) add(m[1]!, "package.json");
  return { names, dynamic };
}

describe("environment variables", () => {
  const documented = firstCellNames(section(readme, "Configuration"), /^[A-Z][A-Z0-9_]*$/);
  const { names, dynamic } = envReads();

  it("finds the reads it must find (the scan itself works)", () => {
    // Known reads of three kinds, checked by hand in the code: a plain read, a read through an
    // env parameter and a read through a constant key.
    expect(names.get("DATABASE_URL")).toContain("lib/db/url.ts");
    expect(names.get("ANALYST_PASSWORD")).toContain("lib/auth/session.ts");
    expect(names.get("RUN_LEASE_STALE_MS")).toContain("lib/runs/lease.ts");
    expect(sorted(names.get("PORT")!)).toEqual(["package.json", "scripts/server.mjs"]);
  });

  it("every variable the code reads is in README's Configuration table (or excluded with a reason)", () => {
    const undocumented = sorted([...names.keys()].filter((n) => !documented.includes(n) && !(n in NOT_CONFIGURATION)));
    expect(undocumented.map((n) => `${n} (read in ${names.get(n)!.join(", ")})`)).toEqual([]);
  });

  it("every variable in the table, and every exclusion, is read somewhere", () => {
    expect(documented.filter((n) => !names.has(n))).toEqual([]);
    expect(Object.keys(NOT_CONFIGURATION).filter((n) => !names.has(n))).toEqual([]);
    expect(documented.filter((n) => n in NOT_CONFIGURATION)).toEqual([]);
    expect(documented.length).toBe(new Set(documented).size); // no row twice
  });

  it("every read with a computed key is accounted for", () => {
    expect(sorted(dynamic)).toEqual(sorted(Object.keys(DYNAMIC_READS)));
  });
});

// ---- npm commands ----------------------------------------------------------------------------

/** npm lifecycle hooks: npm runs them itself, nobody types them. */
const LIFECYCLE = ["postinstall"];

describe("npm commands", () => {
  const scripts = Object.keys((JSON.parse(text("package.json")) as { scripts: Record<string, string> }).scripts);
  const docs = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const commands = (markdown: string) => [
    ...[...markdown.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/\bnpm (start|test)\b/g)].map((m) => m[1]!),
  ];

  it("every `npm run X` in README and docs/ is a package.json script", () => {
    const unknown = docs.flatMap((file) => commands(text(file)).filter((c) => !scripts.includes(c)).map((c) => `${file}: npm run ${c}`));
    expect(unknown).toEqual([]);
  });

  it("every script people run is mentioned in the README", () => {
    const mentioned = new Set(commands(readme));
    expect(scripts.filter((s) => !LIFECYCLE.includes(s) && !mentioned.has(s))).toEqual([]);
    expect(LIFECYCLE.filter((s) => !scripts.includes(s))).toEqual([]);
  });
});

// ---- finding codes ---------------------------------------------------------------------------

describe("finding codes", () => {
  const types = text("lib/pipeline/types.ts");
  const union = /export type FindingCode =([^;]+);/.exec(types)?.[1] ?? "";
  const codes = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]!);
  const isCode = /^[A-Z][A-Z_]+$/;

  it("reads the FindingCode union", () => {
    expect(codes).toContain("HEADER_ALIAS");
    expect(codes).toContain("NULL_REFERRER");
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("docs/finding-codes.md documents exactly the FindingCode union, once each", () => {
    // The main table's rows: | `CODE` | severity | ...
    const rows = text("docs/finding-codes.md").split("\n").filter((l) => /^\| `[A-Z_]+` \| (critical|warning|info)\b/.test(l));
    const documented = rows.map((l) => /^\| `([A-Z_]+)`/.exec(l)![1]!);
    expect(documented.length).toBe(new Set(documented).size);
    expect(sorted(documented)).toEqual(sorted(codes));
  });

  it("README's finding codes table lists exactly the FindingCode union, once each", () => {
    const documented = firstCellNames(section(readme, "Finding codes"), isCode);
    expect(documented.length).toBe(new Set(documented).size);
    expect(sorted(documented)).toEqual(sorted(codes));
  });
});
