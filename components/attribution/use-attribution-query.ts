"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AttributionData } from "@/lib/db/queries/attribution";

/** The attribution views of the current run for one lookback window; the server-rendered window is the initial data. */
export function useAttributionQuery(lookback: number, initialData: AttributionData) {
  return useQuery({
    queryKey: ["attribution", initialData.runId, lookback],
    queryFn: async ({ signal }): Promise<AttributionData> => {
      const res = await fetch(`/api/attribution?lookback=${lookback}`, { signal });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `Could not load attribution for a ${lookback}-day lookback (HTTP ${res.status}).`);
      }
      return (await res.json()) as AttributionData;
    },
    initialData: lookback === initialData.lookbackDays ? initialData : undefined,
    placeholderData: keepPreviousData,
    retry: 1,
  });
}
