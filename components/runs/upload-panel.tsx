"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition, type DragEvent } from "react";
import { uploadAction, type ActionResult } from "@/app/runs/actions";
import { formatBytes } from "./format-run";
import { UploadResult } from "./upload-result";
import { mergeSelection, precheckFile } from "./upload-checks";
import { RUNS_QUERY_KEY } from "./use-runs-query";
import css from "./runs.module.css";

/** Drop zone and file picker: files are checked in the browser, then sent together; accepted files start one run. */
export function UploadPanel({ maxBytes }: { maxBytes: number }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const checked = chosen.map((file) => ({ file, problem: precheckFile(file, maxBytes) }));
  const problems = checked.filter((c) => c.problem !== null);

  const add = (files: FileList | null) => {
    // Copied now: the FileList empties when the input is reset.
    const added = files ? [...files] : [];
    if (added.length === 0) return;
    setResult(null);
    setChosen((current) => mergeSelection(current, added));
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };

  const upload = () =>
    startTransition(async () => {
      const form = new FormData();
      for (const f of chosen) form.append("files", f, f.name);
      const r = await uploadAction(form).catch((e: unknown): ActionResult => ({ ok: false, error: `The upload failed: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.` }));
      setResult(r);
      setChosen([]);
      await queryClient.invalidateQueries({ queryKey: RUNS_QUERY_KEY });
    });

  return (
    <section className="panel" aria-label="Add days of exports">
      <h2>
        Add days of exports{" "}
        <span className="hint">.csv or .csv.gz · up to {formatBytes(maxBytes)} each · a file named like a stored one replaces it</span>
      </h2>
      <div
        className={`${css.dropzone} ${dragging ? css.dragging : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p className={css.dropText}>Drag and drop event export files here, or</p>
        <input
          id="upload-files"
          className={css.fileInput}
          type="file"
          multiple
          accept=".csv,.gz,.csv.gz"
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
        <label htmlFor="upload-files" className="btn">
          Choose files
        </label>
      </div>

      {chosen.length > 0 && (
        <div className={css.selection}>
          <ul aria-label="Chosen files" className={css.fileList}>
            {checked.map(({ file, problem }) => (
              <li key={file.name}>
                <span className="mono">{file.name}</span>
                <span className="muted small">{formatBytes(file.size)}</span>
                {problem ? <span className="badge critical">cannot be uploaded</span> : <span className="badge ok">ready</span>}
                <button type="button" className={`btn ${css.small}`} onClick={() => setChosen((c) => c.filter((f) => f !== file))} aria-label={`Take ${file.name} out of the selection`}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          {problems.length > 0 && (
            <div className={`callout warning ${css.result}`} role="alert">
              <p>
                Nothing was sent: {problems.length === 1 ? "1 file cannot" : `${problems.length} files cannot`} be uploaded. Take{" "}
                {problems.length === 1 ? "it" : "them"} out of the selection (×) to upload the others.
              </p>
              <ul className={css.fileList}>
                {problems.map((p) => (
                  <li key={p.file.name}>
                    <span className="mono">{p.file.name}</span>
                    <span>{p.problem}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="toolbar" style={{ marginTop: 10 }}>
            <button type="button" className="btn primary" onClick={upload} disabled={pending || problems.length > 0}>
              {pending ? "Uploading…" : `Upload ${chosen.length === 1 ? "1 file" : `${chosen.length} files`}`}
            </button>
            <button type="button" className="btn" onClick={() => setChosen([])} disabled={pending}>
              Clear
            </button>
          </div>
        </div>
      )}
      {result && <UploadResult result={result} />}
    </section>
  );
}
