"use client";

import { useQuery } from "@tanstack/react-query";
import type { RunListItem, RunsData } from "@/lib/db/queries/runs";

export const RUNS_QUERY_KEY = ["runs"] as const;

export function isActive(run: RunListItem): boolean {
  return run.status === "queued" || run.status === "running";
}

export function hasActiveRun(data: RunsData | undefined): boolean {
  return data?.runs.some(isActive) ?? false;
}

/** Runs and stored files: the server-rendered list first, then polled every second while a run is queued or running. */
export function useRunsQuery(initialData: RunsData) {
  return useQuery({
    queryKey: RUNS_QUERY_KEY,
    queryFn: async ({ signal }): Promise<RunsData> => {
      const res = await fetch("/api/runs", { signal, cache: "no-store" });
      if (!res.ok) throw new Error(`Could not refresh the run list (HTTP ${res.status}).`);
      return (await res.json()) as RunsData;
    },
    initialData,
    initialDataUpdatedAt: Date.now(),
    staleTime: 0,
    refetchInterval: (query) => (hasActiveRun(query.state.data) ? 1000 : false),
    refetchIntervalInBackground: true,
    retry: 1,
  });
}
