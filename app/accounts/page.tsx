import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountsPanel } from "@/components/auth/accounts-panel";
import { listAccounts } from "@/lib/auth/accounts";
import { currentUser } from "@/lib/auth/session";
import { sharedSqlite } from "@/lib/db/sqlite";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/accounts");
  if (user.role !== "admin") {
    return (
      <>
        <div className="page-head">
          <div>
            <h1>Accounts</h1>
          </div>
        </div>
        <div className="callout warning" role="alert">
          <p style={{ margin: 0 }}>Your account ({user.name}) is {user.role === "analyst" ? "an" : "a"} {user.role}: managing accounts needs an admin.</p>
        </div>
      </>
    );
  }
  const accounts = listAccounts(sharedSqlite()).map((a) => ({ name: a.name, role: a.role, createdAtMs: a.createdAtMs, passwordChangedAtMs: a.passwordChangedAtMs, bootstrap: a.bootstrap, activeSessions: a.activeSessions }));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Accounts</h1>
          <p>Who may read the dashboards, upload and run, or manage accounts. Changing a role or password, or removing an account, ends its sessions.</p>
        </div>
      </div>
      <AccountsPanel accounts={accounts} self={user.name} />
    </>
  );
}
