// The command line's launcher: `node scripts/cli.mjs <entry> [args...]` runs scripts/<entry>.ts
// from its esbuild bundle (scripts/build-cli.mjs), in this same process: no TypeScript compiled
// at run time, no second process (the run worker's parent-death watchdog watches its direct
// parent, the server that spawned this process). The bundle is rebuilt first when a source file
// changed since it was built, so a fresh clone or an edited file needs no separate build command.
//
// When the bundle cannot be built (esbuild missing, dist/ not writable) the entry runs through
// tsx's loader instead, in this process too, with one line on standard error saying so.
import { utimesSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ENTRIES, OUT, ROOT, ensureBuilt } from "./build-cli.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry || !ENTRIES.includes(entry)) {
  console.error(`Usage: node scripts/cli.mjs <${ENTRIES.join("|")}> [args...]`);
  process.exit(2);
}

let bundle = null;
try {
  const manifest = await ensureBuilt((line) => console.error(line));
  bundle = join(OUT, manifest.dir, `${entry}.mjs`);
  // Marks the folder as in use: a later build removes older folders an hour after their last use.
  const now = new Date();
  try {
    utimesSync(join(OUT, manifest.dir), now, now);
  } catch {
    // read-only: the folder simply ages
  }
} catch (e) {
  console.error(`The command line could not be built (${e instanceof Error ? e.message : String(e)}); running scripts/${entry}.ts through tsx.`);
}

// The entry sees the arguments as if it had been started itself; argv[1] stays its source path
// (scripts that check which file was started compare it with their own name).
const source = join(ROOT, "scripts", `${entry}.ts`);
process.argv = [process.argv[0], source, ...args];
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport(pathToFileURL(source).href, import.meta.url);
}
