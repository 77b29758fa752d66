/**
 * Names shared by the engine and the user interface. No Node imports here: client components
 * import this module directly.
 */
export const CHANNELS = [
  "Paid Search",
  "Paid Social",
  "Affiliates",
  "Email",
  "Organic Search",
  "Organic Social",
  "Referral",
  "Direct",
  "Unassigned",
] as const;
export type Channel = (typeof CHANNELS)[number];
/** Credit for orders without a client id or without a touch in the lookback window. */
export const UNATTRIBUTED = "Unattributed";

export const MODELS = ["first_click", "last_click", "last_non_direct", "linear", "position_based", "time_decay"] as const;
export type Model = (typeof MODELS)[number];
export const MODEL_LABELS: Record<Model, string> = {
  first_click: "First click",
  last_click: "Last click",
  last_non_direct: "Last non-direct click",
  linear: "Linear",
  position_based: "Position-based (40/20/40)",
  time_decay: "Time decay (7-day half-life)",
};
export const LOOKBACK_DAYS = [1, 7, 14, 30] as const;
export const DEFAULT_LOOKBACK_DAYS = 7;
