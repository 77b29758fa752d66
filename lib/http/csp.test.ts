import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

describe("Content-Security-Policy", () => {
  it("allows scripts only with the nonce, inline style attributes, nothing from other origins", () => {
    expect(contentSecurityPolicy("abc")).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(contentSecurityPolicy("abc", true)).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval';");
    expect(contentSecurityPolicy("abc", false)).not.toContain("unsafe-eval");
  });

  it("makes a new 128-bit base64 nonce each time", () => {
    const nonces = Array.from({ length: 100 }, () => newNonce());
    expect(new Set(nonces).size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("next.config.js headers", () => {
  it("sends nosniff, the referrer, frame and permissions policies on every path", async () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    expect(rules.map((r) => r.source)).toEqual(["/:path*"]);
    expect(Object.fromEntries(rules[0]!.headers.map((h) => [h.key, h.value]))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
  });
});
