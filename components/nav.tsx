"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { withFilters, parseFilters } from "@/lib/views/url-filters";
import { signOutAction } from "@/app/runs/actions";
import css from "./auth/auth.module.css";

export interface NavUser {
  name: string;
  role: string;
}

/**
 * A section link that keeps the period, model and lookback of the page it is followed from
 * (lib/views/url-filters.ts): every page's links carry them, so they survive a visit to a page
 * that does not use them.
 */
function FilterLink({ href, current, onClick, children }: { href: string; current: boolean; onClick: () => void; children: ReactNode }) {
  const params = useSearchParams();
  const target = withFilters(href, parseFilters(new URLSearchParams(params.toString())));
  return (
    <Link href={target} aria-current={current ? "page" : undefined} onClick={onClick}>
      {children}
    </Link>
  );
}

export const SECTIONS = [
  { href: "/", label: "Executive summary" },
  { href: "/data-quality", label: "Data quality" },
  { href: "/attribution", label: "Attribution" },
  { href: "/traffic", label: "Traffic" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/data", label: "Data" },
] as const;

/**
 * The sections, the Runs and Accounts pages and the account. On a narrow screen (globals.css,
 * max-width 800px) the links fold behind a Menu button (a disclosure: aria-expanded, Escape closes
 * it and gives focus back to the button; following a link closes it); the account stays in view.
 */
export function Nav({ user }: { user: NavUser | null }) {
  const path = usePathname();
  // Open on the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  // "/data" must not light up on "/data-quality": match whole path segments.
  const current = (href: string) => (href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`));
  const close = () => setOpenOn(null);
  const item = (href: string, label: string) => (
    <li key={href}>
      <Suspense
        fallback={
          <Link href={href} aria-current={current(href) ? "page" : undefined} onClick={close}>
            {label}
          </Link>
        }
      >
        <FilterLink href={href} current={current(href)} onClick={close}>
          {label}
        </FilterLink>
      </Suspense>
    </li>
  );
  return (
    <nav aria-label="Sections" className="nav-root">
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="nav-panel"
        onClick={() => setOpenOn(open ? null : path)}
      >
        <span className="menu-icon" aria-hidden="true" />
        Menu
      </button>
      <div id="nav-panel" className="nav-panel" data-open={open ? "" : undefined}>
        <ul className="nav">{SECTIONS.map((s) => item(s.href, s.label))}</ul>
        <ul className="nav nav-tools">
          {item("/runs", "Runs & upload")}
          {user?.role === "admin" && item("/accounts", "Accounts")}
        </ul>
      </div>
      {/* Outside the menu: who is signed in stays in view on a phone. */}
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
          <Link href="/sign-in" aria-current={current("/sign-in") ? "page" : undefined} onClick={close}>
            Sign in
          </Link>
        )}
      </div>
    </nav>
  );
}
