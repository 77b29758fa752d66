/** Parameters of the attribution comparison (CSV and PDF downloads). */
import { z } from "zod";
import { DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS, MODELS } from "@/lib/pipeline/constants";

export const ComparisonQuery = z.object({
  a: z.enum(MODELS, { error: `a must be one of ${MODELS.join(", ")}` }).default("first_click"),
  b: z.enum(MODELS, { error: `b must be one of ${MODELS.join(", ")}` }).default("last_click"),
  /** The model the page's channel table shows (the PDF prints its table too). */
  model: z.enum(MODELS, { error: `model must be one of ${MODELS.join(", ")}` }).optional(),
  /** Its channel table per device (default) or per person. */
  identity: z.enum(["device", "person"], { error: "identity must be device or person" }).optional(),
  lookback: z.coerce
    .number()
    .int()
    .refine((n) => (LOOKBACK_DAYS as readonly number[]).includes(n), "lookback must be 1, 7, 14 or 30")
    .default(DEFAULT_LOOKBACK_DAYS),
});
