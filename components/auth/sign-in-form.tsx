"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { signInAction } from "@/app/runs/actions";
import css from "./auth.module.css";

/** Account name and password. After a successful sign-in the page re-renders with the account's rights. */
/** Only a path of this site (not "//host" or "/\\host") may be the page to return to. */
export function safeNext(next: string | null | undefined): string | null {
  return next && /^\/(?![\/\\])/.test(next) ? next : null;
}

export function SignInForm({ defaultAccount = "", next = null }: { defaultAccount?: string; next?: string | null }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(signInAction, null);
  useEffect(() => {
    if (!state?.ok) return;
    const to = safeNext(next);
    if (to) router.push(to);
    router.refresh();
  }, [state, router, next]);
  const errorId = state && !state.ok ? "sign-in-error" : undefined;
  return (
    <form action={formAction} className={css.form}>
      <div className={css.field}>
        <label htmlFor="sign-in-account">Account</label>
        <input id="sign-in-account" name="account" type="text" autoComplete="username" required defaultValue={state && !state.ok ? state.account : defaultAccount} autoCapitalize="none" spellCheck={false} aria-describedby={errorId} />
      </div>
      <div className={css.field}>
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required aria-describedby={errorId} />
      </div>
      <div>
        <button type="submit" className="btn primary" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
      {state && !state.ok && (
        <p id="sign-in-error" className={css.error} role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
