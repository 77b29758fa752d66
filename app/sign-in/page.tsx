import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser, viewersMustSignIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = (await searchParams).next;
  const user = await currentUser();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sign in</h1>
          <p>
            {viewersMustSignIn()
              ? "This store's dashboards need an account."
              : "Dashboards are open to read; uploads, runs and row-level data need an analyst account, accounts an admin."}
          </p>
        </div>
      </div>
      <section className="panel" aria-label="Sign in">
        {user ? (
          <p>
            You are signed in as <b>{user.name}</b> ({user.role}).
          </p>
        ) : (
          <SignInForm next={typeof next === "string" ? next : null} />
        )}
      </section>
    </>
  );
}
