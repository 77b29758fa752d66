import "server-only";
import { cookies } from "next/headers";
import { configuredPassword, issueToken, passwordMatches, SESSION_COOKIE, tokenValid } from "./analyst";

export async function isAnalyst(): Promise<boolean> {
  return tokenValid((await cookies()).get(SESSION_COOKIE)?.value, configuredPassword());
}

export class NotSignedIn extends Error {
  constructor() {
    super("Sign in as an analyst to do this.");
  }
}

/** Every server action that changes data calls this first. */
export async function requireAnalyst(): Promise<void> {
  if (!(await isAnalyst())) throw new NotSignedIn();
}

export async function signIn(password: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const configured = configuredPassword();
  if (!configured) return { ok: false, error: "Sign-in is not set up: start the app with ANALYST_PASSWORD=<a password> in its environment." };
  if (!passwordMatches(password, configured)) return { ok: false, error: "Wrong password." };
  const { token, expiresAt } = issueToken(configured);
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", path: "/", expires: new Date(expiresAt) });
  return { ok: true };
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
