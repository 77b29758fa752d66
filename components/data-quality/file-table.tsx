import type { FileRow } from "@/lib/db/queries/data-quality";
import { formatInt, formatPercent } from "@/lib/reports/format";

function scoreClass(score: number): string {
  return score >= 95 ? "good" : score >= 85 ? "fair" : "poor";
}

export function FileTable({ files }: { files: FileRow[] }) {
  if (files.length === 0) return <p className="muted">No files in this run.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data">
        <thead>
          <tr>
            <th>File</th>
            <th>Day</th>
            <th className="num">Rows</th>
            <th>Header</th>
            <th>Missing columns</th>
            <th className="num">Empty client id</th>
            <th className="num">Null referrer</th>
            <th className="num">Quarantined</th>
            <th className="num">Duplicates</th>
            <th className="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.name}>
              <td className="mono">{f.name}</td>
              <td>{f.day ?? "—"}</td>
              <td className="num">{formatInt(f.rows)}</td>
              <td>{f.headerVariant === "aliased" ? <span className="badge info">aliased</span> : "canonical"}</td>
              <td>{f.missingColumns.length ? <span className="badge warning">{f.missingColumns.join(", ")}</span> : "—"}</td>
              <td className="num">{formatPercent(f.nullClientIdRate)}</td>
              <td className="num">{f.nullReferrerRate === null ? "no column" : formatPercent(f.nullReferrerRate)}</td>
              <td className="num">{formatInt(f.quarantinedRows)}</td>
              <td className="num">{formatInt(f.duplicateRows)}</td>
              <td className={`num score ${scoreClass(f.score)}`}>{f.score.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
