"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/app/runs/actions";
import css from "./auth/auth.module.css";

export interface NavUser {
  name: string;
  role: string;
}

export const SECTIONS = [
  { href: "/", label: "Executive summary" },
  { href: "/data-quality", label: "Data quality" },
  { href: "/attribution", label: "Attribution" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/data", label: "Data" },
] as const;

export function Nav({ user }: { user: NavUser | null }) {
  const path = usePathname();
  // "/data" must not light up on "/data-quality": match whole path segments.
  const current = (href: string) => (href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`));
  return (
    <nav aria-label="Sections">
      <ul className="nav">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={current(s.href) ? "page" : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
        <li className="sep" role="separator" />
        <li>
          <Link href="/runs" aria-current={current("/runs") ? "page" : undefined}>
            Runs &amp; upload
          </Link>
        </li>
        {user?.role === "admin" && (
          <li>
            <Link href="/accounts" aria-current={current("/accounts") ? "page" : undefined}>
              Accounts
            </Link>
          </li>
        )}
      </ul>
      <div className={css.account}>
        {user ? (
          <>
            <span className={css.accountName}>
              Signed in as <b>{user.name}</b> ({user.role})
            </span>
            <form action={signOutAction}>
              <button type="submit" className={css.linkButton}>
                Sign out
              </button>
            </form>
          </>
        ) : (
          <Link href="/sign-in" aria-current={current("/sign-in") ? "page" : undefined}>
            Sign in
          </Link>
        )}
      </div>
    </nav>
  );
}
