/**
 * The Content-Security-Policy of every page (proxy.ts sets it per request). No Node imports: the
 * proxy may run on any runtime. The static headers sent on every response live in next.config.js.
 * Why each directive: docs/ARCHITECTURE.md#security-headers.
 */

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only when they carry this request's nonce ('strict-dynamic' extends that trust to the
 * chunks they load); styles allow inline style attributes, which React and recharts write.
 * 'unsafe-eval' only in development, where React rebuilds server error stacks with eval.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}
