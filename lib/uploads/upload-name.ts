/**
 * The first check of an uploaded file: its name exactly as the client sent it in the multipart
 * body, before anything is written. A name that could point anywhere but a plain file in one
 * folder (folders, "..", an absolute path, a drive letter) or that could break a log line or a
 * header (control characters) is refused here with a sentence naming it; the upload rules of
 * validate-upload.ts (extension, allowed characters, size, content) follow. Pure, no Node imports.
 */

export const MAX_NAME_LENGTH = 200;
/** At most this many files in one upload (a year of days takes four). */
export const MAX_UPLOAD_FILES = 100;
const EXAMPLE = "events_20250304.csv";

/** C0 controls (NUL, TAB, CR, LF...), DEL and the C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why this raw file name is refused (a sentence without the name), or null when it may go on to the upload rules. */
export function uploadNameProblem(raw: string): string | null {
  if (raw.length === 0) return `a file has no name: send it under the day's export name, e.g. ${EXAMPLE}`;
  if (CONTROL.test(raw)) return `a file name may not contain control characters (NUL, CR, LF, tab...): rename it to the day's export name, e.g. ${EXAMPLE}`;
  if (raw.length > MAX_NAME_LENGTH) return `a file name may be at most ${MAX_NAME_LENGTH} characters (this one has ${raw.length}): rename it to the day's export name, e.g. ${EXAMPLE}`;
  if (/^[A-Za-z]:/.test(raw)) return `a file name may not start with a drive letter: upload the file under its plain name, e.g. ${EXAMPLE}`;
  if (/^[\\/]/.test(raw)) return `a file name may not be an absolute path: upload the file under its plain name, e.g. ${EXAMPLE}`;
  if (/[\\/]/.test(raw) || raw.includes("..")) return `a file name may not contain folders or "..": rename it to the day's export name, e.g. ${EXAMPLE}`;
  return null;
}

/** The name as it may be shown and logged: control characters written as escapes (\r, \n, \0, \x1b), cut at 120 characters. */
export function shownName(raw: string): string {
  const escaped = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === "\r") return "\\r";
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\0") return "\\0";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return escaped.length > 120 ? `${escaped.slice(0, 117)}…` : escaped;
}

/** The refusal of a raw name, as the upload's per-file result ({ name, error }), or null when the name passes. */
export function refuseUploadName(raw: string): { name: string; error: string } | null {
  const problem = uploadNameProblem(raw);
  if (problem === null) return null;
  const name = shownName(raw);
  return { name, error: `"${name}": ${problem}.` };
}
