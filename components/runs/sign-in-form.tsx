"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/runs/actions";
import css from "./runs.module.css";

/** Analyst sign-in: needed to upload, remove files or re-run; never to read the dashboards. */
export function SignInForm() {
  const [state, formAction, pending] = useActionState(signInAction, null);
  return (
    <form action={formAction} className={css.signIn}>
      <label htmlFor="analyst-password">Analyst password</label>
      <div className="toolbar" style={{ margin: 0 }}>
        <input id="analyst-password" name="password" type="password" autoComplete="current-password" required aria-describedby={state && !state.ok ? "sign-in-error" : undefined} />
        <button type="submit" className="btn primary" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
      {state && !state.ok && (
        <p id="sign-in-error" className={css.fieldError} role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
