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
  minChannelSessions: 100,
  /** Desktop converting at this multiple of mobile is a device gap worth acting on. */
  deviceGapMultiple: 1.5,
  minDeviceSessions: 200,
  /** Returning visitors converting at this multiple of new ones. */
  returningMultiple: 1.5,
  /** A fitted decline over the period of at least this share is a downward trend (needs minTrendDays). */
  trendDecline: 0.15,
  minTrendDays: 5,
  /** Share of revenue that no touch explains. */
  unattributedShare: 0.2,
} as const;
