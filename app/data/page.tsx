import { requireReaderPage } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { DataModel } from "@/components/data/data-model";
import { TableList } from "@/components/data/table-list";
import { NoRunYet } from "@/components/no-run-yet";
import { getDataModel } from "@/lib/db/queries/data-model";
import { getDataTables } from "@/lib/db/queries/data-tables";

export const dynamic = "force-dynamic";
export const metadata: import("next").Metadata = { title: "Data" };

export default async function DataPage() {
  const user = await requireReaderPage("/data");
  const analyst = hasRole(user?.role, "analyst");
  const data = getDataTables({ rowLevel: analyst });
  const model = getDataModel();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Data</h1>
          <p>
            {data
              ? `Run #${data.runId} · ${data.tables.length} tables · loaded ${data.createdAt.slice(0, 16).replace("T", " ")} UTC`
              : "Every silver and gold table of a run, as CSV"}
          </p>
        </div>
      </div>
      {data ? (
        <section className="panel" aria-labelledby="tables">
          <h2 id="tables">
            Tables <span className="hint">click a table for its columns and first rows</span>
          </h2>
          <p className="callout small" style={{ marginTop: 0 }}>
            Each download is the whole table of run #{data.runId}, streamed: stable column names (described under each table), times in UTC, money in dollars. Values a
            spreadsheet would run as a formula start with <span className="mono">&apos;</span>. For every table at once:{" "}
            <span className="mono">npm run pipeline -- &lt;files&gt; --out &lt;dir&gt;</span>.
          </p>
          <TableList tables={data.tables} canReadRows={analyst} />
        </section>
      ) : (
        <NoRunYet title="Data" />
      )}
      <DataModel model={model} />
    </>
  );
}
