import Link from "next/link";
import { connection } from "next/server";

export const metadata: import("next").Metadata = { title: "Page not found" };

/**
 * The 404 page. Rendered per request like every page (awaiting the connection keeps it out of the
 * build's prerendering): its scripts must carry the request's Content-Security-Policy nonce
 * (proxy.ts), which a page built ahead of time cannot have.
 */
export default async function NotFound() {
  await connection();
  return (
    <div className="empty panel">
      <h2>Page not found</h2>
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Back to the executive summary</Link>
      </p>
    </div>
  );
}
