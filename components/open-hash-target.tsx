"use client";

import { useEffect } from "react";

/**
 * Links to a section that is folded (a finding's <details> on the data-quality page) land on it
 * open: on load and on every change of the URL's fragment, a <details> the fragment names opens
 * and scrolls into view.
 */
export function OpenHashTarget() {
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (target instanceof HTMLDetailsElement) {
        target.open = true;
        target.scrollIntoView({ block: "start" });
        target.querySelector("summary")?.focus({ preventScroll: true });
      }
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);
  return null;
}
