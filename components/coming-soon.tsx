import Link from "next/link";

/** A section that is planned but not built yet: says so plainly and points to what exists. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <div className="coming">
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p>Not built yet.</p>
        </div>
      </div>
      <div className="panel">
        <p>{what}</p>
        <p className="muted">
          Meanwhile, the <Link href="/data-quality">Data quality</Link> report is available for the current run.
        </p>
      </div>
    </div>
  );
}
