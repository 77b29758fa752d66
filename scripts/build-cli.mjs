// The command line's build: esbuild bundles the TypeScript entry points of scripts/ into plain
// JavaScript under dist/cli/ (git-ignored), so `npm run pipeline`, the run worker and the other
// commands start with plain `node`, without compiling TypeScript at run time.
//
// Each build goes to its own folder dist/cli/<hash>/ (the hash of its output), and
// dist/cli/manifest.json names the current folder and records every input file esbuild read
// (relative path, mtime, size). A process that started from an older folder keeps loading its own
// chunks while a newer build is written, and two processes that build at once write the same
// folder name (the second one finds it there); older folders go an hour after their last use. scripts/cli.mjs, the launcher, compares the
// recorded inputs with the files on disk (a few hundred stats, a few milliseconds) and rebuilds
// with esbuild (a few hundred milliseconds) only when one changed, disappeared or the build itself
// changed (this file, tsconfig.json, the esbuild version).
//
// Plain JavaScript on purpose: it must run before anything can compile TypeScript.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = join(ROOT, "dist", "cli");
export const MANIFEST = join(OUT, "manifest.json");

/** The command-line entry points (scripts/<name>.ts), each bundled to dist/cli/<hash>/<name>.mjs. */
export const ENTRIES = ["pipeline", "run-worker", "user", "setup-db", "generate-demo", "new-migration", "bench", "bench-one", "bench-daily", "bench-save", "bench-load"];

/**
 * Loaded from node_modules at run time, never bundled: better-sqlite3 is a native addon, Prisma's
 * runtime loads its query compiler (WebAssembly) by path, and the PDF renderer is only imported by
 * --pdf (React stays external with it so both share one React).
 */
export const EXTERNAL = ["better-sqlite3", "@prisma/*", "prisma", "@react-pdf/*", "react", "react/*", "react-dom", "react-dom/*"];

/** Files that shape every build besides the inputs esbuild reports. */
const BUILD_FILES = ["scripts/build-cli.mjs", "tsconfig.json"];

/** Bumped when the manifest's shape changes. */
const FORMAT = 1;

function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", "esbuild", "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

export function readManifest() {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, "utf8"));
    return m && m.format === FORMAT ? m : null;
  } catch {
    return null;
  }
}

function stamp(path) {
  const s = statSync(join(ROOT, path));
  return [s.mtimeMs, s.size];
}

/**
 * Why the current build cannot be used, or null when it is current: every recorded input still
 * has its recorded mtime and size, the entry files exist and the build itself is unchanged.
 */
export function staleReason(manifest = readManifest()) {
  if (!manifest) return "no build yet";
  if (manifest.esbuild !== esbuildVersion()) return "esbuild version changed";
  if (ENTRIES.some((e) => !manifest.entries.includes(e))) return "entry list changed";
  for (const [path, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = stamp(path);
    } catch {
      return `${path} is gone`;
    }
    if (now[0] !== mtimeMs || now[1] !== size) return `${path} changed`;
  }
  for (const e of manifest.entries) if (!existsSync(join(OUT, manifest.dir, `${e}.mjs`))) return `${manifest.dir}/${e}.mjs is missing`;
  return null;
}

/** The import `server-only` guards against client bundles; the command line is server code. */
const serverOnly = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/** Builds every entry into dist/cli/<hash>/ and points the manifest at it. Returns the manifest. */
export async function build() {
  const started = Date.now();
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, join("scripts", `${e}.ts`)])),
    bundle: true,
    splitting: true, // the PDF reports and other lazy imports stay in chunks a plain run never reads
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: join(OUT, "tmp"), // never written (write: false); only names the output paths
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    tsconfig: join(ROOT, "tsconfig.json"), // the `@/` path alias
    external: EXTERNAL,
    plugins: [serverOnly],
    // Bundled CommonJS packages call require() for Node's modules; ESM output has none of its own.
    banner: { js: `import { createRequire as __cliCreateRequire } from "node:module"; const require = __cliCreateRequire(import.meta.url);` },
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    write: false,
  });
  const hash = createHash("sha256");
  for (const f of [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path))) hash.update(relative(join(OUT, "tmp"), f.path)).update(f.contents);
  const dir = hash.digest("hex").slice(0, 16);
  const target = join(OUT, dir);
  if (!existsSync(target)) {
    // Written aside, then renamed into place: a folder named by its hash is complete or absent.
    const temp = join(OUT, `.tmp-${process.pid}-${Date.now()}`);
    for (const f of result.outputFiles) {
      const path = join(temp, relative(join(OUT, "tmp"), f.path));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.contents);
    }
    try {
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(target)) throw e; // else another process wrote the same build meanwhile
    }
  }
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs).filter((p) => !p.includes(":")), ...BUILD_FILES].sort()) {
    const [mtimeMs, size] = stamp(path);
    // A file changed while esbuild read it may not be what the bundle holds: record it as stale.
    inputs[path] = [mtimeMs >= started - 1 ? 0 : mtimeMs, size];
  }
  const manifest = { format: FORMAT, esbuild: esbuildVersion(), dir, entries: ENTRIES, builtAt: new Date().toISOString(), buildMs: Date.now() - started, inputs };
  const temp = `${MANIFEST}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(temp, MANIFEST);
  prune(dir);
  return manifest;
}

/** Removes older build folders an hour after their last use (the launcher touches the one it runs): a long run may still import their chunks. */
function prune(current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(OUT)) {
    if (name === current || name === "manifest.json" || name.endsWith(".tmp")) continue;
    const path = join(OUT, name);
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** The current build, rebuilt first when stale. `log` receives one line when it rebuilds. */
export async function ensureBuilt(log = () => {}) {
  const manifest = readManifest();
  const reason = staleReason(manifest);
  if (reason === null) return manifest;
  const built = await build();
  log(`Built the command line (${reason}) in ${built.buildMs} ms.`);
  return built;
}

// `node scripts/build-cli.mjs`: build now (npm's postinstall step does), whatever the manifest says.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = await build();
  console.log(`Built the command line into dist/cli/${m.dir}/ (${m.entries.length} entry points, ${Object.keys(m.inputs).length} inputs) in ${m.buildMs} ms.`);
}
