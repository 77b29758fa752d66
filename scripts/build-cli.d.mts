// Types of scripts/build-cli.mjs (plain JavaScript) for the TypeScript that imports it.
export interface CliManifest {
  format: number;
  esbuild: string | null;
  /** The build folder under dist/cli/. */
  dir: string;
  entries: string[];
  builtAt: string;
  buildMs: number;
  /** Input path (relative to the repository) to [mtimeMs, size]; mtime 0 when it changed during the build. */
  inputs: Record<string, [number, number]>;
}
export const ROOT: string;
export const OUT: string;
export const MANIFEST: string;
export const ENTRIES: string[];
export const EXTERNAL: string[];
export function readManifest(): CliManifest | null;
export function staleReason(manifest?: CliManifest | null): string | null;
export function build(): Promise<CliManifest>;
export function ensureBuilt(log?: (line: string) => void): Promise<CliManifest>;
