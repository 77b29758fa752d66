"use client";

import { useEffect } from "react";
import { filterSearch, type UrlFilters } from "@/lib/views/url-filters";

/**
 * Keeps the given filters in the page's URL (lib/views/url-filters.ts) with `history.replaceState`:
 * no server round trip, and Next's router state is kept. `keys` are the filters this view owns:
 * they are rewritten, the others (carried from other pages) stay.
 */
export function useFiltersInUrl(filters: UrlFilters, keys: readonly (keyof UrlFilters)[]): void {
  const search = filterSearch(filters);
  const owned = keys.join(",");
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const k of owned.split(",")) url.searchParams.delete(k);
    for (const [k, v] of new URLSearchParams(search)) url.searchParams.set(k, v);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
  }, [search, owned]);
}
