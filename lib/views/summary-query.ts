/** The executive summary's request parameters (shared by the API route, the PDF route and the page). */
import { z } from "zod";
import { MODELS } from "@/lib/pipeline/constants";

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a real date");

export const SummaryQuery = z
  .object({ from: Day.optional(), to: Day.optional(), period: z.enum(["all", "last7", "last14"]).optional(), model: z.enum(MODELS).default("last_click"), identity: z.enum(["device", "person"]).default("device") })
  .refine((q) => !q.from || !q.to || q.from <= q.to, "the start date must not be after the end date");
export type SummaryQueryInput = z.infer<typeof SummaryQuery>;
