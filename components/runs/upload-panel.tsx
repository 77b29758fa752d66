"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type DragEvent } from "react";
import type { ActionResult } from "@/app/runs/actions";
import { MAX_UPLOAD_FILES } from "@/lib/uploads/upload-name";
import { formatBytes } from "./format-run";
import { postUpload } from "./post-upload";
import { UploadResult } from "./upload-result";
import { mergeSelection, precheckFile } from "./upload-checks";
import { RUNS_QUERY_KEY } from "./use-runs-query";
import css from "./runs.module.css";

/** Bytes sent of the upload in flight; `sent === total` while the server checks and stores the files. */
type Sending = { files: number; sent: number; total: number };

/**
 * Drop zone and file picker: files are checked in the browser, then streamed together to
 * POST /api/uploads with a progress bar; accepted files start one run.
 */
export function UploadPanel({ maxBytes }: { maxBytes: number }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const pending = sending !== null;
  const checked = chosen.map((file) => ({ file, problem: precheckFile(file, maxBytes) }));
  const problems = checked.filter((c) => c.problem !== null);
  const tooMany = chosen.length > MAX_UPLOAD_FILES;

  const add = (files: FileList | null) => {
    // Copied now: the FileList empties when the input is reset.
    const added = files ? [...files] : [];
    if (added.length === 0 || pending) return; // the selection being sent stays as it is
    setResult(null);
    setChosen((current) => mergeSelection(current, added));
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };

  // Leaving the page would cut the upload off: the browser asks first.
  useEffect(() => {
    if (!pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending]);

  const upload = async () => {
    const files = chosen;
    const size = files.reduce((n, f) => n + f.size, 0);
    setResult(null);
    setSending({ files: files.length, sent: 0, total: size });
    const r = await postUpload(files, (sent, total) => setSending({ files: files.length, sent, total }));
    setSending(null);
    setResult(r);
    setChosen([]);
    await queryClient.invalidateQueries({ queryKey: RUNS_QUERY_KEY });
  };

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
                <button type="button" className={`btn ${css.small}`} onClick={() => setChosen((c) => c.filter((f) => f !== file))} disabled={pending} aria-label={`Take ${file.name} out of the selection`}>
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
          {tooMany && (
            <p className={`callout warning ${css.result}`} role="alert">
              {chosen.length} files are chosen; one upload takes at most {MAX_UPLOAD_FILES}. Take some out of the selection and upload them next.
            </p>
          )}
          <div className="toolbar" style={{ marginTop: 10 }}>
            <button type="button" className="btn primary" onClick={() => void upload()} disabled={pending || tooMany || problems.length > 0}>
              {pending ? "Uploading…" : `Upload ${chosen.length === 1 ? "1 file" : `${chosen.length} files`}`}
            </button>
            <button type="button" className="btn" onClick={() => setChosen([])} disabled={pending}>
              Clear
            </button>
          </div>
        </div>
      )}
      {sending && <UploadProgress {...sending} />}
      {result && <UploadResult result={result} />}
    </section>
  );
}

/** The upload's progress bar: bytes sent of the whole request, then the server's checking and storing. */
function UploadProgress({ files, sent, total }: Sending) {
  const pct = total > 0 ? Math.min(100, Math.floor((sent / total) * 100)) : 0;
  const done = total > 0 && sent >= total;
  const what = done ? "checking and storing on the server…" : `${formatBytes(sent)} of ${formatBytes(total)} sent`;
  return (
    <div className={`${css.progress} ${css.result}`} data-testid="upload-progress">
      <div className={css.progressHead}>
        <span>
          <b>Uploading {files === 1 ? "1 file" : `${files} files`}</b> <span className="muted">{what}</span>
        </span>
        <span className={css.pct}>{pct}%</span>
      </div>
      <div
        className={css.track}
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${what}`}
      >
        <div className={css.fill} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
