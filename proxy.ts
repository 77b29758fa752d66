import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

/**
 * A Content-Security-Policy with a fresh nonce on every page. Set on the request, Next.js reads the
 * nonce from it while rendering and puts it on its own scripts; set on the response, the browser
 * enforces it. Pages must render per request for that (every page is force-dynamic, and
 * app/not-found.tsx awaits the connection). The headers
 * every response carries (nosniff, frame and referrer policies...) are in next.config.js.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Not: API routes (JSON, CSV, PDF: no page to protect; and the proxy would buffer request
      // bodies, cutting an upload to /api/uploads at 10 MB, proxyClientMaxBodySize), built assets,
      // the icon. They still get the static headers of next.config.js.
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico$|robots\\.txt$|sitemap\\.xml$).*)",
      missing: [
        // Prefetches and server actions answer with React data, not an HTML page.
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
