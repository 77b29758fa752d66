/**
 * The built command line (scripts/build-cli.mjs, scripts/cli.mjs) in a throwaway copy of the
 * sources: it builds, runs with plain `node` where tsx is not even installed, rebuilds when a
 * source changes (and only then), and falls back to tsx when the bundle cannot be written.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), "cli-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of what the build reads, with node_modules linked package by package (optionally without some). */
function copy(name: string, without: string[] = []): string {
  const dir = join(work, name);
  for (const part of ["scripts", "lib", "generated", "tsconfig.json"]) cpSync(join(root, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const pkg of readdirSync(join(root, "node_modules"))) if (!without.includes(pkg) && pkg !== ".bin") symlinkSync(join(root, "node_modules", pkg), join(dir, "node_modules", pkg));
  return dir;
}

function node(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, NODE_OPTIONS: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "dist", "cli", "manifest.json"), "utf8")) as { dir: string; entries: string[]; builtAt: string; inputs: Record<string, [number, number]> };
const USAGE = /^Usage: npm run pipeline -- <files or folders\.\.\.>/;

describe("the command line without tsx", () => {
  let dir: string;
  beforeAll(() => {
    dir = copy("no-tsx", ["tsx"]);
  });

  it("node scripts/build-cli.mjs writes every entry point and a manifest of its inputs", () => {
    const r = node(dir, "scripts/build-cli.mjs");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Built the command line into dist\/cli\/\w+\/ \(\d+ entry points, \d+ inputs\)/);
    const m = manifest(dir);
    for (const e of ["pipeline", "run-worker", "user", "setup-db"]) {
      expect(m.entries).toContain(e);
      expect(existsSync(join(dir, "dist", "cli", m.dir, `${e}.mjs`))).toBe(true);
    }
    expect(Object.keys(m.inputs)).toEqual(expect.arrayContaining(["scripts/pipeline.ts", "scripts/run-worker.ts", "lib/pipeline/index.ts", "tsconfig.json", "scripts/build-cli.mjs"]));
    // Plain JavaScript: no TypeScript syntax left, and the `@/` alias resolved.
    const bundle = readFileSync(join(dir, "dist", "cli", m.dir, "pipeline.mjs"), "utf8");
    expect(bundle).not.toMatch(/from "@\//);
  });

  it("the bundle and the launcher run with plain node (tsx is not installed here)", () => {
    expect(existsSync(join(dir, "node_modules", "tsx"))).toBe(false);
    const direct = node(dir, join("dist", "cli", manifest(dir).dir, "pipeline.mjs"), "--help");
    expect(direct).toMatchObject({ code: 0, out: "" });
    expect(direct.err).toMatch(USAGE);
    const launched = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(launched.code).toBe(0);
    expect(launched.err).toMatch(USAGE); // nothing before the usage: no rebuild, no fallback
    const user = node(dir, "scripts/cli.mjs", "user", "--help");
    expect(user).toMatchObject({ code: 0, err: "" });
    expect(user.out).toMatch(/^Usage: npm run user -- <command>/);
  });

  it("an unknown entry point is refused with the list of entry points", () => {
    const r = node(dir, "scripts/cli.mjs", "nope");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage: node scripts\/cli\.mjs <pipeline\|run-worker\|user\|setup-db\|/);
  });
});

describe("the staleness check", () => {
  let dir: string;
  beforeAll(() => {
    dir = copy("stale");
    expect(node(dir, "scripts/build-cli.mjs").code).toBe(0);
  });

  it("a touched source rebuilds once (same output, same folder), then runs from the build", () => {
    const before = manifest(dir);
    // An earlier mtime than recorded (a future one would count as "changed while it was built").
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "lib", "pipeline", "index.ts"), earlier, earlier);
    const first = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^Built the command line \(lib\/pipeline\/index\.ts changed\) in \d+ ms\.\n/);
    const after = manifest(dir);
    expect(after.dir).toBe(before.dir);
    expect(after.builtAt).not.toBe(before.builtAt);
    const second = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(second.err).toMatch(USAGE); // current now: no second build
  });

  it("a changed source is what the next run executes", () => {
    const before = manifest(dir);
    const path = join(dir, "scripts", "pipeline.ts");
    writeFileSync(path, readFileSync(path, "utf8").replace("Usage: npm run pipeline --", "Usage (edited): npm run pipeline --"));
    const r = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Built the command line \(scripts\/pipeline\.ts changed\) in \d+ ms\.\nUsage \(edited\): npm run pipeline --/);
    expect(manifest(dir).dir).not.toBe(before.dir);
    expect(existsSync(join(dir, "dist", "cli", before.dir))).toBe(true); // older builds stay for processes still running them
  });

  it("a removed build folder rebuilds", () => {
    rmSync(join(dir, "dist", "cli", manifest(dir).dir), { recursive: true });
    const r = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(r.err).toMatch(/^Built the command line \(\w+\/pipeline\.mjs is missing\) in \d+ ms\.\nUsage \(edited\)/);
  });

  it("when the bundle cannot be written, the entry runs through tsx and says so", () => {
    rmSync(join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "dist"), "not a folder");
    const r = node(dir, "scripts/cli.mjs", "pipeline", "--help");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^The command line could not be built \(.+\); running scripts\/pipeline\.ts through tsx\.\nUsage \(edited\): npm run pipeline --/);
  });
});
