import "server-only";
import { prisma } from "../client";

export interface QuarantinePage {
  total: number;
  rows: { id: number; file: string; line: number; reason: string; detail: string; values: Record<string, string | null> }[];
}

export async function getQuarantinePage(runId: number, opts: { reason?: string; offset: number; limit: number }): Promise<QuarantinePage> {
  const where = { runId, ...(opts.reason ? { reason: opts.reason } : {}) };
  const [total, rows] = await Promise.all([
    prisma.quarantinedRow.count({ where }),
    prisma.quarantinedRow.findMany({ where, orderBy: { id: "asc" }, skip: opts.offset, take: opts.limit }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, file: r.file, line: r.line, reason: r.reason, detail: r.detail, values: JSON.parse(r.valuesJson) as Record<string, string | null> })),
  };
}

/** All quarantined rows of a run, in batches (for CSV export without loading everything at once). */
export async function* iterateQuarantine(runId: number, batch = 5000) {
  let cursor = 0;
  for (;;) {
    const rows = await prisma.quarantinedRow.findMany({ where: { runId, id: { gt: cursor } }, orderBy: { id: "asc" }, take: batch });
    if (rows.length === 0) return;
    for (const r of rows) yield { file: r.file, line: r.line, reason: r.reason, detail: r.detail, values: JSON.parse(r.valuesJson) as Record<string, string | null> };
    cursor = rows[rows.length - 1]!.id;
  }
}
