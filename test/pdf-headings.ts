/**
 * What introduces content in each PDF report, for `layoutDefects` (test/pdf-text.ts): the section
 * titles and captions, the sub-headings, figure titles and table header rows, as the rendered PDF
 * prints them. Strings are in every rendering of a report with data; patterns cover what depends on
 * the data (severities present, the lookback in a caption, the monitoring priorities).
 */

/** A section title as the kit draws it, with its caption (a string when it never changes). */
const section = (title: string, caption?: string | RegExp): (string | RegExp)[] => [title, ...(caption ? [caption] : [])];

export const DATA_QUALITY_HEADINGS: (string | RegExp)[] = [
  ...section("Row accounting", "Every input row is loaded, quarantined or dropped as an exact duplicate."),
  ...section("Files", "One row per input file, in day order. Rates are shares of the file's loaded rows."),
  // The file table's header, on two lines (the long column names wrap).
  /^File Day Rows Header Missing Empty Null Quarantined Duplicates Score$/,
  /^columns client id referrer$/,
  ...section("Daily volume and completeness", "Loaded events per event date (not per file), from the run's daily series."),
  "Loaded events per day",
  "Empty client id rate per day",
  /^Red bars: days flagged NULL_CLIENT_ID_SPIKE/,
  /^Share of loaded events without a client id; these cannot be sessionized or attributed\.$/,
  ...section("Session gap distribution", "Minutes between a client's consecutive events; a gap longer than the timeout starts a new session."),
  /^Gaps between consecutive events \([\d,]+ gaps?\)$/,
  /^Gap up to Share of gaps Gaps\b/,
  ...section("Findings", "One line per code, with its totals over its files; then every finding (one per check and file) by severity, with up to three example rows each."),
  /^Code Severity Totals over the code's files$/,
  // A severity's heading (badge, title, counts) and its findings table's header.
  /^(CRITICAL Critical|WARNING Warnings|INFO Information)\b/,
  /^Code File \/ day Count Message and example rows \(file:line value\)$/,
  ...section("Quarantined rows by reason", "Rows kept out of the loaded events, by the first reason that rejected them."),
];

export const EXECUTIVE_HEADINGS: (string | RegExp)[] = [
  "Key figures",
  /^(Changes compare with|Compared with|No previous period:)/,
  ...section("Daily trend", "Revenue per day (bars, left axis) and orders per day (line, right axis)."),
  "Channel mix",
  /^Share of revenue credited to each channel under .+ attribution \(7-day lookback\)\.$/,
  "Insights",
  /^Rules over the figures of /,
  /^What's working What's concerning Recommendations$/,
  ...section("Devices and visitors", "Conversion = orders / sessions."),
  /^By device New vs returning visitors$/,
  /^Device Sessions Orders Conv\. Revenue Visitor Sessions Orders Conv\. Revenue$/,
  "Products and time to purchase",
  /^Top products by revenue Time from first visit to purchase$/,
  /^Product Units Revenue\b/,
  /^Data-quality caveats: read these figures with care$/,
];

export const ATTRIBUTION_HEADINGS: (string | RegExp)[] = [
  "Overview",
  /^Orders and revenue are the same under every model: /,
  "The two models",
  /^Revenue per channel: .+ vs .+$/,
  /^A = .+, B = .+\. Credited orders \(fractional for multi-touch models\)/,
  /^Channel Orders A Revenue A Orders B Revenue B Difference B - A Difference %$/,
  "Credited revenue per channel",
  /^\d+-day lookback; channels with revenue under either model, in the order of the table\.$/,
  "Time to purchase",
  /^Orders by time from the first session in the \d+-day window to the purchase\.$/,
  "Orders by time to purchase",
  "Conversion paths",
  /^Top \d+ of [\d,]+ paths by orders; a channel repeated in a row counts once; days: mean from the first touch to the purchase\.$/,
  /^Path \(channels in order\) Touches Orders Revenue Days$/,
  /^Non-converting paths$/,
  /^The \d+ most common paths of the [\d,]+ visitors without an order: their sessions in the \d+ days before their last one\.$/,
  /^Path \(channels in order\) Touches Visitors$/,
  /^Customer cohorts, per (device|person)$/,
  /^Repeat purchases and revenue per customer \(the first order included\) 7, 14 and 30 days after the first purchase/,
  "By first-touch channel",
  /^First-touch channel Customers( Repeat \d+ d Rev\. \/ cust\. \d+ d)*$/,
  "By week of first purchase",
  /^Week of first purchase Customers( Repeat \d+ d Rev\. \/ cust\. \d+ d)*$/,
  ...section("Channel rules", "Each session gets the channel of the first rule that matches its landing page and referrer (first match wins)."),
  /^# Channel Rule$/,
];

export const MONITORING_HEADINGS: (string | RegExp)[] = [
  ...section("Overall status", "Can today's numbers be trusted? The worst status of all checks."),
  ...section("Checks by priority", "P0: can the numbers be trusted at all; P1: volumes and data quality; P2: business metrics. Anomaly checks show the strongest recent z-score."),
  // A priority's heading (badge, title, status badge) and its checks table's header.
  /^P[0-2] .+ (PASS|WARNING|CRITICAL|not scored)$/i,
  /^Status Check Value Threshold Explanation$/,
  "Daily metrics",
  /^Daily value against the expected value \(dashed\) and its band/,
  "How anomalies are scored",
  ...section("Run history", "Past successful runs, newest first, with the monitoring status each had when it was loaded."),
  /^Run Loaded at Trigger Input rows Status at run time$/,
];

export const TRAFFIC_HEADINGS: (string | RegExp)[] = [
  ...section("Funnel", "Sessions that reached each step; a later step counts as reaching the earlier ones."),
  ...section("Channels", "Landing channel of each session; revenue of the orders placed in those sessions."),
  ...section("Funnel by channel", "Share of each channel's sessions reaching each step."),
  ...section("Devices", "Device of each session's landing event."),
  "Source / medium / campaign",
  /^utm_source \(else the external referrer's host\)/,
  "Landing pages",
  /^(The \d+ landing pages with the most sessions, of [\d,]+|All [\d,]+ landing pages)\.$/,
  /^(Channel|Device) Sessions Share Bounce Pages\/session Avg\. duration Conversion Orders Revenue$/,
  /^(Channel|Device) Sessions Product view Add to cart Checkout Purchase$/,
  /^Channel Source Medium Campaign Sessions Bounce Conversion Orders Revenue$/,
  /^Landing page Sessions Share Bounce Conversion Orders Revenue$/,
];
