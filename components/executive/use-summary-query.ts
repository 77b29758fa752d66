"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import type { Model } from "@/lib/pipeline/constants";
import type { IdentityView } from "@/lib/views/identity-view";
import { summarySearch } from "@/lib/views/executive-shape";

export interface SummarySelection {
  from: string;
  to: string;
  model: Model;
  identity: IdentityView;
}

/** The executive summary for a date range, attribution model and identity; the server-rendered default is the initial data. */
export function useSummaryQuery(selection: SummarySelection, initialData: ExecutiveSummary) {
  const { from, to, model, identity } = selection;
  const isInitial = from === initialData.range.from && to === initialData.range.to && model === initialData.model && identity === initialData.identity;
  return useQuery({
    queryKey: ["summary", initialData.runId, from, to, model, identity],
    queryFn: async ({ signal }): Promise<ExecutiveSummary> => {
      const res = await fetch(`/api/summary?${summarySearch(selection)}`, { signal });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `Could not load the summary (HTTP ${res.status}).`);
      }
      return (await res.json()) as ExecutiveSummary;
    },
    initialData: isInitial ? initialData : undefined,
    placeholderData: keepPreviousData,
    retry: 1,
  });
}
