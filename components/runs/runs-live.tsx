"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { RunsData } from "@/lib/db/queries/runs";
import { RerunButton } from "./rerun-button";
import { RunProgress } from "./run-progress";
import { RunTable } from "./run-table";
import { DataSet } from "./data-set";
import { hasActiveRun, isActive, useRunsQuery } from "./use-runs-query";

/** The run list and the data set (both polled while a run is active); analysts may re-run and remove files. */
export function RunsLive({ initial, analyst }: { initial: RunsData; analyst: boolean }) {
  const router = useRouter();
  const { data, error } = useRunsQuery(initial);
  const active = data.runs.filter(isActive).sort((a, b) => a.id - b.id);
  const anyActive = hasActiveRun(data);
  const wasActive = useRef(anyActive);

  useEffect(() => {
    // A run just finished: server components (page heads, other pages' data) should show its numbers.
    if (wasActive.current && !anyActive) router.refresh();
    wasActive.current = anyActive;
  }, [anyActive, router]);

  return (
    <>
      <section className="panel" aria-label="Runs">
        <div className="toolbar" style={{ justifyContent: "space-between" }}>
          <h2 style={{ margin: 0 }}>
            Runs <span className="hint">newest first · the dashboards show the newest successful run</span>
          </h2>
          {analyst && <RerunButton />}
        </div>
        {active.map((r) => (
          <RunProgress key={r.id} run={r} />
        ))}
        {error && (
          <p className="callout warning" role="alert">
            {error.message}
          </p>
        )}
        <RunTable runs={data.runs} currentRunId={data.currentRunId} />
      </section>
      <section className="panel" aria-label="Data set">
        <h2>
          Data set <span className="hint">one file per day, from the command line or uploads · every run reads all of them</span>
        </h2>
        <DataSet files={data.partitions} summary={data.dataSet} analyst={analyst} />
      </section>
    </>
  );
}
