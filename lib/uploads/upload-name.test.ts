import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH, refuseUploadName, shownName, uploadNameProblem } from "./upload-name";

const FOLDERS = 'a file name may not contain folders or "..": rename it to the day\'s export name, e.g. events_20250304.csv.';
const ABSOLUTE = "a file name may not be an absolute path: upload the file under its plain name, e.g. events_20250304.csv.";
const DRIVE = "a file name may not start with a drive letter: upload the file under its plain name, e.g. events_20250304.csv.";
const CONTROL = "a file name may not contain control characters (NUL, CR, LF, tab...): rename it to the day's export name, e.g. events_20250304.csv.";

describe("uploadNameProblem / refuseUploadName", () => {
  it("accepts plain export names", () => {
    for (const name of ["events_20250304.csv", "events_20250304.csv.gz", "EVENTS-2025-03-04.CSV", "a.csv", "events.v2_20250304.csv", "x".repeat(MAX_NAME_LENGTH)]) {
      expect(uploadNameProblem(name), name).toBeNull();
      expect(refuseUploadName(name), name).toBeNull();
    }
  });

  it.each([
    ["../../x.csv", "../../x.csv", FOLDERS],
    ["..\\..\\x.csv", "..\\..\\x.csv", FOLDERS],
    ["sub/x.csv", "sub/x.csv", FOLDERS],
    ["sub\\x.csv", "sub\\x.csv", FOLDERS],
    ["..x.csv", "..x.csv", FOLDERS],
    ["x..csv", "x..csv", FOLDERS],
    ["..", "..", FOLDERS],
    ["/etc/cron.d/x.csv", "/etc/cron.d/x.csv", ABSOLUTE],
    ["/x.csv", "/x.csv", ABSOLUTE],
    ["\\\\server\\share\\x.csv", "\\\\server\\share\\x.csv", ABSOLUTE],
    ["\\x.csv", "\\x.csv", ABSOLUTE],
    ["C:\\temp\\x.csv", "C:\\temp\\x.csv", DRIVE],
    ["c:x.csv", "c:x.csv", DRIVE],
    ["D:/x.csv", "D:/x.csv", DRIVE],
    ["x\r\n.csv", "x\\r\\n.csv", CONTROL],
    ["x\n.csv", "x\\n.csv", CONTROL],
    ["x\r.csv", "x\\r.csv", CONTROL],
    ["x\0.csv", "x\\0.csv", CONTROL],
    ["x.csv\0.png", "x.csv\\0.png", CONTROL],
    ["x\t.csv", "x\\t.csv", CONTROL],
    ["x\u001b[31m.csv", "x\\x1b[31m.csv", CONTROL],
    ["x\u007f.csv", "x\\x7f.csv", CONTROL],
    ["x\u0085.csv", "x\\x85.csv", CONTROL],
    // Control characters are named first, also in a path.
    ["../x\n.csv", "../x\\n.csv", CONTROL],
  ])("refuses %j with a message naming it", (raw, shown, message) => {
    expect(refuseUploadName(raw)).toEqual({ name: shown, error: `"${shown}": ${message}` });
  });

  it("refuses an empty name and a name over 200 characters", () => {
    expect(refuseUploadName("")).toEqual({ name: "", error: `"": a file has no name: send it under the day's export name, e.g. events_20250304.csv.` });
    const long = `${"x".repeat(MAX_NAME_LENGTH - 3)}.csv`;
    expect(long.length).toBe(MAX_NAME_LENGTH + 1);
    const r = refuseUploadName(long);
    expect(r?.error).toMatch(/^"x{117}…": a file name may be at most 200 characters \(this one has 201\): rename it/);
  });

  it("shows names with their control characters escaped and long names cut", () => {
    expect(shownName("a\r\nb\0c\u0001")).toBe("a\\r\\nb\\0c\\x01");
    expect(shownName("C:\\temp\\x.csv")).toBe("C:\\temp\\x.csv");
    expect(shownName("y".repeat(300))).toBe(`${"y".repeat(117)}…`);
  });
});
