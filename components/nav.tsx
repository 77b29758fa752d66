"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const SECTIONS = [
  { href: "/", label: "Executive summary" },
  { href: "/data-quality", label: "Data quality" },
  { href: "/attribution", label: "Attribution" },
  { href: "/monitoring", label: "Monitoring" },
  { href: "/data", label: "Data" },
] as const;

export function Nav() {
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
      </ul>
    </nav>
  );
}
