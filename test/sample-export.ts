/** The real sample export's folder, from SAMPLE_EXPORT_DIR (the data stays outside the repo). */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export function sampleExportDir(): string {
  const dir = process.env.SAMPLE_EXPORT_DIR ?? resolve(__dirname, "../../shared/data/sample-export");
  if (!existsSync(dir)) {
    throw new Error(
      `Sample export not found at ${dir}. Set SAMPLE_EXPORT_DIR to the folder holding events_YYYYMMDD.csv files (e.g. SAMPLE_EXPORT_DIR=../shared/data/sample-export).`,
    );
  }
  return dir;
}
