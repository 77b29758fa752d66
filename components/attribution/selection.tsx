"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { useFiltersInUrl } from "@/components/use-filters-in-url";
import { DEFAULT_LOOKBACK_DAYS, type Model } from "@/lib/pipeline/constants";

/** What the marketer is looking at: the model of the channel view, the lookback window and the two compared models. */
export interface AttributionSelection {
  model: Model;
  lookback: number;
  a: Model;
  b: Model;
  /** Credit per device (client id) or per person (devices joined through a shared email). */
  identity: "device" | "person";
}

interface SelectionState extends AttributionSelection {
  set: (patch: Partial<AttributionSelection>) => void;
}

const SelectionContext = createContext<SelectionState | null>(null);

/** Shares the selection between the page head (download links) and the attribution view. */
export function AttributionSelectionProvider({ children, lookback = DEFAULT_LOOKBACK_DAYS, model = "last_click", identity = "device" }: { children: ReactNode; lookback?: number; model?: Model; identity?: "device" | "person" }) {
  const [selection, setSelection] = useState<AttributionSelection>({ model, lookback, a: "first_click", b: "last_click", identity });
  // The model and lookback live in the URL (lib/views/url-filters.ts): a reload or a shared link opens the same view.
  useFiltersInUrl({ model: selection.model, lookback: selection.lookback, identity: selection.identity === "person" ? "person" : undefined }, ["model", "lookback", "identity"]);
  const value = useMemo(() => ({ ...selection, set: (patch: Partial<AttributionSelection>) => setSelection((s) => ({ ...s, ...patch })) }), [selection]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useAttributionSelection(): SelectionState {
  const state = useContext(SelectionContext);
  if (!state) throw new Error("useAttributionSelection must be used inside <AttributionSelectionProvider>.");
  return state;
}

/** Query string of the comparison downloads (CSV and PDF) for a selection. */
export function comparisonQuery({ a, b, lookback }: Pick<AttributionSelection, "a" | "b" | "lookback">): string {
  return new URLSearchParams({ a, b, lookback: String(lookback) }).toString();
}
