/** Every threshold the insight rules use, in one place (documented in docs/metrics.md). */
export const THRESHOLDS = {
  /** A channel with at least this share of revenue is worth naming as a driver. */
  topChannelShare: 0.2,
  /** Above this share of revenue in one channel, revenue is concentrated (a risk). */
  concentrationShare: 0.5,
  /** Period-over-period change that counts as growth or decline. */
  periodChange: 0.1,
  /** A channel converting at this multiple of the average, with enough sessions, is a winner. */
  channelConversionMultiple: 1.5,
  /** Sessions a channel (or visitor segment) needs before its conversion rate is compared or acted on. */
  minChannelSessions: 100,
  /** Desktop converting at this multiple of mobile is a device gap worth acting on. */
  deviceGapMultiple: 1.5,
  minDeviceSessions: 200,
  /** Returning visitors converting at this multiple of new ones. */
  returningMultiple: 1.5,
  /** A fitted decline over the period of at least this share is a downward trend (needs minTrendDays). */
  trendDecline: 0.15,
  minTrendDays: 5,
  /** A trend fitted over fewer days than this carries a caveat: a weekly pattern can pass for a trend. */
  weeklyPatternDays: 14,
  /** Share of revenue that no touch explains. */
  unattributedShare: 0.2,
  /** Fewer orders than this behind a rate or a change: the insight says the sample is small. */
  smallSampleOrders: 30,
  /** The annualised run rate (revenue per day x 365) needs at least this many days of data. */
  minRunRateDays: 28,
} as const;

/**
 * Channels bought with a budget: only these can be told to "test more budget"; other channels
 * (Direct, Organic, Referral, Email...) are grown, not bought.
 */
export const BUDGET_CHANNELS: readonly string[] = ["Paid Search", "Paid Social", "Affiliates"];

/** Not channels at all: revenue without a touch, or touches no rule could classify. */
export const NOT_A_CHANNEL: readonly string[] = ["Unattributed", "Unassigned"];
