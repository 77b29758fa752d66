"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import { AccountsCsv } from "@/components/ui/table-csvs";
import { addAccountAction, removeAccountAction, setPasswordAction, setRoleAction, type AccountResult } from "@/app/accounts/actions";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import css from "./auth.module.css";

export interface AccountItem {
  name: string;
  role: string;
  createdAtMs: number;
  passwordChangedAtMs: number;
  bootstrap: boolean;
  activeSessions: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function Result({ result }: { result: AccountResult | null }) {
  if (!result) return null;
  return result.ok ? (
    <p className={css.ok} role="status">
      {result.message}
    </p>
  ) : (
    <p className={css.error} role="alert">
      {result.error}
    </p>
  );
}

function AddAccount() {
  const [state, action, pending] = useActionState(addAccountAction, null);
  return (
    <section className="panel" aria-labelledby="add-account">
      <h2 id="add-account">Add an account</h2>
      <form action={action} className={css.form}>
        <div className={css.field}>
          <label htmlFor="new-name">Name</label>
          <input id="new-name" name="name" type="text" required autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </div>
        <div className={css.field}>
          <label htmlFor="new-role">Role</label>
          <select id="new-role" name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className={css.field}>
          <label htmlFor="new-password">Password (at least 8 characters)</label>
          <input id="new-password" name="password" type="password" required minLength={8} autoComplete="new-password" />
        </div>
        <div>
          <button type="submit" className="btn primary" disabled={pending}>
            {pending ? "Adding…" : "Add account"}
          </button>
        </div>
        <Result result={state} />
      </form>
    </section>
  );
}

function ResetPassword({ names }: { names: string[] }) {
  const [state, action, pending] = useActionState(setPasswordAction, null);
  if (names.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="reset-password">
      <h2 id="reset-password">Set a new password</h2>
      <form action={action} className={css.form}>
        <div className={css.field}>
          <label htmlFor="reset-name">Account</label>
          <select id="reset-name" name="name">
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </div>
        <div className={css.field}>
          <label htmlFor="reset-password-input">New password</label>
          <input id="reset-password-input" name="password" type="password" required minLength={8} autoComplete="new-password" />
        </div>
        <div>
          <button type="submit" className="btn" disabled={pending}>
            {pending ? "Saving…" : "Set password"}
          </button>
        </div>
        <Result result={state} />
      </form>
    </section>
  );
}

export function AccountsPanel({ accounts, self }: { accounts: AccountItem[]; self: string }) {
  const router = useRouter();
  const [result, setResult] = useState<AccountResult | null>(null);
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<AccountResult>) =>
    start(async () => {
      setResult(await fn());
      router.refresh();
    });
  return (
    <>
      <section className="panel" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        <div style={{ overflowX: "auto", width: 0, minWidth: "100%", position: "relative" }} role="region" aria-label="Accounts (scrolls sideways)" tabIndex={0}>
          <table className={`data ${css.table}`} aria-labelledby="accounts-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">Signed in</th>
                <th scope="col">Added</th>
                <th scope="col">Password set</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.name}>
                  <td>
                    {a.name}
                    {a.bootstrap && <span className="muted small"> · from ANALYST_PASSWORD</span>}
                    {a.name === self && <span className="muted small"> · you</span>}
                  </td>
                  <td>
                    {a.bootstrap || a.name === self ? (
                      a.role
                    ) : (
                      <select aria-label={`Role of ${a.name}`} value={a.role} disabled={pending} onChange={(e) => run(() => setRoleAction(a.name, e.currentTarget.value))}>
                        {ROLES.map((r) => (
                          <option key={r}>{r}</option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td className="num">{a.activeSessions}</td>
                  <td>{day(a.createdAtMs)}</td>
                  <td>{day(a.passwordChangedAtMs)}</td>
                  <td>
                    {!a.bootstrap && a.name !== self && (
                      <button
                        type="button"
                        className="btn"
                        disabled={pending}
                        aria-label={`Remove ${a.name}`}
                        onClick={() => {
                          if (window.confirm(`Remove the account ${a.name}? Its sessions end at once.`)) run(() => removeAccountAction(a.name));
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <AccountsCsv accounts={accounts} />
        <Result result={result} />
      </section>
      <AddAccount />
      <ResetPassword names={accounts.filter((a) => !a.bootstrap).map((a) => a.name)} />
    </>
  );
}
