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
  "Unknown (referrer not recorded)",
] as const;
export type Channel = (typeof CHANNELS)[number];
/**
 * Sessions whose channel rests on a referrer their file did not record (the column is missing):
 * unknown, never folded into Direct.
 */
export const UNKNOWN_REFERRER: Channel = "Unknown (referrer not recorded)";
/** Credit for orders without a client id or without a touch in the lookback window. */
export const UNATTRIBUTED = "Unattributed";

export const MODELS = ["first_click", "last_click", "last_non_direct", "linear", "position_based", "time_decay", "markov", "shapley"] as const;
export type Model = (typeof MODELS)[number];
export const MODEL_LABELS: Record<Model, string> = {
  first_click: "First click",
  last_click: "Last click",
  last_non_direct: "Last non-direct click",
  linear: "Linear",
  position_based: "Position-based (40/20/40)",
  time_decay: "Time decay (7-day half-life)",
  markov: "Data-driven: Markov chain",
  shapley: "Data-driven: Shapley value",
};
/** How each model shares an order's revenue among the sessions of its client in the lookback window (shown on the page and in the PDF). */
export const MODEL_RULES: Record<Model, string> = {
  first_click: "All credit to the first session in the lookback window.",
  last_click: "All credit to the last session before the purchase (the purchase session).",
  last_non_direct: "All credit to the last session that is not Direct (Direct only when every session was Direct).",
  linear: "Credit split equally over the sessions in the window.",
  position_based: "40% to the first session, 40% to the last, 20% shared by those in between.",
  time_decay: "More credit to sessions closer to the purchase (the weight halves every 7 days).",
  markov:
    "A chain of channel-to-channel steps is learned from all journeys in the window, those that ended in a purchase and those of visitors who never bought, and each channel's removal effect is the share of purchases the chain loses when that channel is taken out. Each order's revenue is split over the channels of its own journey in proportion to their removal effects.",
  shapley:
    "Each channel's Shapley value is its average contribution to the purchases, over every order in which channels can be added, where a set of channels is worth the purchases whose journeys use only channels in the set. Each order's revenue is split over the channels of its own journey in proportion to their Shapley values.",
};
export const LOOKBACK_DAYS = [1, 7, 14, 30] as const;
export const DEFAULT_LOOKBACK_DAYS = 7;
