// Types of lib/http/page-cache.mjs (plain JavaScript: the server entry runs under node without a build).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare const CACHED_PAGES: Set<string>;
export declare const CACHED_REPORTS: Set<string>;
export declare const MAX_ENTRIES: number;
export declare const MAX_BYTES: number;
export declare function cacheableRequest(req: IncomingMessage): string | null;
export interface PageCache {
  serve(req: IncomingMessage, res: ServerResponse, handle: (req: IncomingMessage, res: ServerResponse) => unknown): unknown;
  stats(): { hits: number; misses: number; bypassed: number; entries: number; bytes: number; runId: number | null };
  close(): void;
}
export declare function createPageCache(opts: { dbPath: string; enabled: boolean }): PageCache;
