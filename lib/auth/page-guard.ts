import "server-only";
import { redirect } from "next/navigation";
import { readerAllowed, type SessionUser } from "./session";

/** Pages call this first: with VIEWERS_MUST_SIGN_IN=1 a visitor without an account goes to the sign-in page, and comes back after. */
export async function requireReaderPage(path: string): Promise<SessionUser | null> {
  const r = await readerAllowed();
  if (!r.ok) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return r.user;
}
