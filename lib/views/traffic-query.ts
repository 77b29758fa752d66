/** The Traffic PDF's request parameters: a period (dates or a preset) and the channel and device filters. */
import { z } from "zod";
import { CHANNELS } from "@/lib/pipeline/constants";
import { Day } from "./summary-query";
import { DEVICE } from "./url-filters";

export const TrafficQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    period: z.enum(["all", "last7", "last14"]).optional(),
    channel: z.enum(CHANNELS).optional(),
    device: z.string().regex(DEVICE, "not a device type").optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, "the start date must not be after the end date");
