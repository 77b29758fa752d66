/**
 * Channel classification of a session from its landing event, in the spirit of GA4's default
 * channel grouping. One table of rules, evaluated top to bottom, first match wins; the same
 * table is shown to users on the attribution page (CHANNEL_RULES).
 *
 * Parameter values and third-party referrer hosts are hashed in these exports (first 6 hex of
 * md5 for values, `source-<first 8 hex of md5(host)>.com` for hosts), so every dictionary below
 * also matches the hashed form of each word: the rules work on plain and hashed exports alike.
 */
import { createHash } from "node:crypto";

import { UNKNOWN_REFERRER, type Channel } from "./constants";

export { CHANNELS, UNATTRIBUTED, UNKNOWN_REFERRER, type Channel } from "./constants";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
export const hashValue = (v: string) => md5(v).slice(0, 6).toUpperCase();
export const hashHost = (host: string) => `source-${md5(host).slice(0, 8)}.com`;

/** A dictionary matching words plainly (case-insensitive) and in hashed form. */
function dictionary(words: string[]): Set<string> {
  const set = new Set<string>();
  for (const w of words) {
    set.add(w.toLowerCase());
    set.add(hashValue(w));
    set.add(hashValue(w.toLowerCase()));
  }
  return set;
}
function hosts(words: string[]): Set<string> {
  const set = new Set<string>();
  for (const h of words) {
    set.add(h);
    set.add(hashHost(h));
    if (!h.startsWith("www.") && h.includes(".") && !h.startsWith("com.")) {
      set.add(`www.${h}`);
      set.add(hashHost(`www.${h}`));
    }
  }
  return set;
}
const has = (set: Set<string>, v: string | undefined) => v !== undefined && (set.has(v) || set.has(v.toLowerCase()));

const MEDIUM_WORDS = {
  paidSearch: ["cpc", "ppc", "paidsearch", "paid-search", "paid_search", "paid search", "sem", "search"],
  paidGeneric: ["paid", "paid_ads", "ads"],
  paidSocial: ["paidsocial", "paid-social", "paid_social", "paid social", "social-paid", "social_paid", "cpm-social"],
  affiliate: ["affiliate", "affiliates", "Affiliates", "partner", "partnerships"],
  email: ["email", "e-mail", "e_mail", "newsletter", "Email"],
  social: ["social", "social-network", "social-media", "sm", "social_network", "organic_social"],
  organic: ["organic"],
  referral: ["referral", "link"],
};
const SOURCE_WORDS = {
  social: ["facebook", "fb", "instagram", "ig", "meta", "tiktok", "pinterest", "snapchat", "twitter", "x", "linkedin", "reddit", "youtube"],
  search: ["google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia"],
  email: ["klaviyo", "mailchimp", "email", "newsletter", "attentive"],
};
const REFERRER_HOSTS = {
  search: [
    "google.com", "google.co.uk", "google.ca", "google.com.au", "google.de", "bing.com", "duckduckgo.com", "search.yahoo.com", "yahoo.com",
    "ecosia.org", "baidu.com", "yandex.ru", "yandex.com", "search.brave.com", "startpage.com", "com.google.android.googlequicksearchbox",
  ],
  social: [
    "facebook.com", "m.facebook.com", "l.facebook.com", "lm.facebook.com", "instagram.com", "l.instagram.com", "t.co", "twitter.com", "x.com",
    "reddit.com", "out.reddit.com", "old.reddit.com", "pinterest.com", "youtube.com", "m.youtube.com", "tiktok.com", "linkedin.com", "lnkd.in", "threads.net",
  ],
  email: ["mail.google.com", "com.google.android.gm", "outlook.live.com", "mail.yahoo.com", "outlook.office.com"],
};

const mapValues = <K extends string, T, U>(o: Record<K, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as T)])) as Record<K, U>;
const MEDIUM = mapValues(MEDIUM_WORDS, dictionary);
const SOURCE = mapValues(SOURCE_WORDS, dictionary);
const REFERRER = mapValues(REFERRER_HOSTS, hosts);

const PAID_SEARCH_CLICK_IDS = ["gclid", "gbraid", "wbraid", "gad_source", "msclkid", "dclid"];
const PAID_SOCIAL_CLICK_IDS = ["ttclid", "twclid", "li_fat_id", "sccid", "epik"];
const AFFILIATE_CLICK_IDS = ["irclickid", "clickid", "sfdr_ptcid", "affid", "awc", "cjevent", "ranmid"];
const EMAIL_CLICK_IDS = ["_kx", "mc_eid", "klaviyo_id"];

/** Hash → plain word, for every word and host the dictionaries hold (`decodedName`). */
const DECODE = (() => {
  const map = new Map<string, string>();
  for (const words of [...Object.values(MEDIUM_WORDS), ...Object.values(SOURCE_WORDS)]) for (const w of words) {
    if (!map.has(hashValue(w))) map.set(hashValue(w), w);
    if (!map.has(hashValue(w.toLowerCase()))) map.set(hashValue(w.toLowerCase()), w.toLowerCase());
  }
  for (const list of Object.values(REFERRER_HOSTS)) for (const h of list) {
    map.set(hashHost(h), h);
    if (!h.startsWith("www.") && h.includes(".") && !h.startsWith("com.")) map.set(hashHost(`www.${h}`), `www.${h}`);
  }
  return map;
})();

export interface Touch {
  params: Record<string, string>;
  /** Lower-cased host of the referrer, null when empty. */
  referrerDomain: string | null;
  /** Registrable domain of the store (e.g. `shop.com`): its own pages are never a referral. */
  storeDomain: string | null;
  /** Further domains of the store (the data set's setting, e.g. a checkout or payment domain): never a referral either. */
  ownDomains?: string[];
  /** The export had no referrer column for this touch: an empty referrer means "not recorded", not "none". */
  referrerMissing?: boolean;
}

export interface ChannelRule {
  channel: Channel;
  /** The rule in words, shown to users. */
  description: string;
  test: (t: Touch) => boolean;
}

const anyParam = (t: Touch, names: string[]) => names.some((n) => n in t.params);
const medium = (t: Touch) => t.params.utm_medium;
const source = (t: Touch) => t.params.utm_source;
const within = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);
const isOwn = (t: Touch) => !!t.referrerDomain && ((!!t.storeDomain && within(t.referrerDomain, t.storeDomain)) || (t.ownDomains ?? []).some((d) => within(t.referrerDomain!, d)));
const externalReferrer = (t: Touch) => (t.referrerDomain && !isOwn(t) ? t.referrerDomain : null);
const refIn = (t: Touch, set: Set<string>) => {
  const d = externalReferrer(t);
  return !!d && (set.has(d) || (set === REFERRER.search && /^(www\.)?google\.[a-z]{2,3}(\.[a-z]{2})?$/.test(d)));
};
const tagged = (t: Touch) => "utm_medium" in t.params || "utm_source" in t.params;

/**
 * A session's source, as GA4 reports it: the landing URL's utm_source, else the external referrer's
 * host (the store's own domains never count), else null (a direct visit, or a referrer the file did
 * not record: the channel says which).
 */
export function landingSource(params: Record<string, string>, referrerDomain: string | null, storeDomain: string | null, ownDomains: string[] = []): string | null {
  return params.utm_source ?? externalReferrer({ params, referrerDomain, storeDomain, ownDomains });
}

/**
 * The plain name behind a hashed parameter value (`AE24AC` → `cpc`) or anonymised referrer host
 * (`source-afb1343a.com` → `duckduckgo.com`), when the rules' dictionaries know it; null when the
 * value is not a known hash (a plain value, or a name no dictionary holds, e.g. a campaign name).
 */
export function decodedName(value: string | null): string | null {
  if (!value) return null;
  return DECODE.get(value) ?? DECODE.get(value.toUpperCase()) ?? null;
}

export const CHANNEL_RULES: ChannelRule[] = [
  { channel: "Paid Social", description: "utm_medium is paid social (paidsocial, paid-social, ...), or a paid/cpc medium with a social utm_source (facebook, instagram, tiktok, ...)", test: (t) => has(MEDIUM.paidSocial, medium(t)) || ((has(MEDIUM.paidGeneric, medium(t)) || has(MEDIUM.paidSearch, medium(t))) && has(SOURCE.social, source(t))) },
  { channel: "Paid Search", description: "utm_medium is cpc/ppc/paid search, or paid with a search-engine utm_source", test: (t) => has(MEDIUM.paidSearch, medium(t)) || (has(MEDIUM.paidGeneric, medium(t)) && has(SOURCE.search, source(t))) },
  { channel: "Affiliates", description: "utm_medium is affiliate(s) or partner", test: (t) => has(MEDIUM.affiliate, medium(t)) },
  { channel: "Email", description: "utm_medium is email/newsletter, or utm_source is an email platform (klaviyo, mailchimp)", test: (t) => has(MEDIUM.email, medium(t)) || has(SOURCE.email, source(t)) },
  { channel: "Organic Social", description: "utm_medium is social", test: (t) => has(MEDIUM.social, medium(t)) },
  { channel: "Organic Search", description: "utm_medium is organic", test: (t) => has(MEDIUM.organic, medium(t)) },
  { channel: "Referral", description: "utm_medium is referral", test: (t) => has(MEDIUM.referral, medium(t)) },
  { channel: "Paid Search", description: `a search ad click id is present (${PAID_SEARCH_CLICK_IDS.join(", ")})`, test: (t) => anyParam(t, PAID_SEARCH_CLICK_IDS) },
  { channel: "Paid Social", description: `a social ad click id is present (${PAID_SOCIAL_CLICK_IDS.join(", ")}), or fbclid with a paid medium`, test: (t) => anyParam(t, PAID_SOCIAL_CLICK_IDS) || ("fbclid" in t.params && has(MEDIUM.paidGeneric, medium(t))) },
  { channel: "Affiliates", description: `an affiliate network click id is present (${AFFILIATE_CLICK_IDS.join(", ")})`, test: (t) => anyParam(t, AFFILIATE_CLICK_IDS) },
  { channel: "Email", description: `an email platform id is present (${EMAIL_CLICK_IDS.join(", ")})`, test: (t) => anyParam(t, EMAIL_CLICK_IDS) },
  { channel: "Unassigned", description: "campaign-tagged (utm_source/utm_medium) but no rule above recognises the tag", test: tagged },
  { channel: UNKNOWN_REFERRER, description: "no rule above applies and the file has no referrer column: the referrer is unknown, so the channel is too (never Direct)", test: (t) => t.referrerMissing === true && !("fbclid" in t.params) },
  { channel: "Organic Search", description: "referrer is a search engine (google.*, bing, duckduckgo, yahoo, ecosia, the Google app, ...; plain or hashed)", test: (t) => refIn(t, REFERRER.search) },
  { channel: "Organic Social", description: "referrer is a social network (facebook, instagram, t.co, reddit, pinterest, youtube, tiktok, linkedin, ...), or fbclid without a paid medium", test: (t) => refIn(t, REFERRER.social) || "fbclid" in t.params },
  { channel: "Email", description: "referrer is a webmail or mail app (Gmail app, mail.google.com, Outlook)", test: (t) => refIn(t, REFERRER.email) },
  { channel: "Referral", description: "any other external referrer (the store's own domain and its subdomains never count)", test: (t) => externalReferrer(t) !== null },
  { channel: "Direct", description: "no campaign parameters and no external referrer", test: () => true },
];

/**
 * Which wins when a landing carries both an ad click id and utm tags that name different channels:
 * "utm" (the default: the tags an advertiser wrote) or "click_id" (GA4's default: auto-tagging).
 */
export type Precedence = "utm" | "click_id";
export const PRECEDENCES: Precedence[] = ["utm", "click_id"];

/** The rules with the ad click-id rules moved ahead of the utm_medium rules. */
const CLICK_ID_FIRST: ChannelRule[] = (() => {
  const utm = CHANNEL_RULES.slice(0, 7);
  const clickIds = CHANNEL_RULES.slice(7, 11);
  return [...clickIds, ...utm, ...CHANNEL_RULES.slice(11)];
})();

export function classifyChannel(t: Touch, precedence: Precedence = "utm"): Channel {
  for (const rule of precedence === "utm" ? CHANNEL_RULES : CLICK_ID_FIRST) if (rule.test(t)) return rule.channel;
  return "Direct";
}

/** Every parameter whose mere presence a rule tests. */
const PRESENCE_PARAMS = [...PAID_SEARCH_CLICK_IDS, ...PAID_SOCIAL_CLICK_IDS, ...AFFILIATE_CLICK_IDS, ...EMAIL_CLICK_IDS, "fbclid"];

/**
 * All that the rules read of a touch, as one string: utm_medium and utm_source (with presence),
 * the referrer domain and which click-id parameters are present. Touches with the same
 * signature get the same channel, so a run classifies each signature once, not each session
 * (click ids make nearly every landing URL unique; their values never matter).
 */
function touchSignature(params: Record<string, string>, referrerDomain: string | null, referrerMissing: boolean): string {
  let key = `${referrerMissing ? "?" : "."}${params.utm_medium ?? "\u0000"}\u0001${params.utm_source ?? "\u0000"}\u0001${referrerDomain ?? "\u0000"}`;
  for (const name of PRESENCE_PARAMS) if (name in params) key += `\u0001${name}`;
  return key;
}

/** A classifier for one run (one store domain) that remembers the channel of each touch signature. */
export function channelClassifier(storeDomain: string | null, precedence: Precedence = "utm", ownDomains: string[] = []): (params: Record<string, string>, referrerDomain: string | null, referrerMissing?: boolean) => Channel {
  const known = new Map<string, Channel>();
  return (params, referrerDomain, referrerMissing = false) => {
    const key = touchSignature(params, referrerDomain, referrerMissing);
    let channel = known.get(key);
    if (channel === undefined) known.set(key, (channel = classifyChannel({ params, referrerDomain, storeDomain, ownDomains, referrerMissing }, precedence)));
    return channel;
  };
}

/**
 * Both readings of a touch at once, under `precedence` and under the other one (a session's
 * channel and its alt_channel): one signature and one lookup per touch instead of two.
 */
export function channelPairClassifier(storeDomain: string | null, precedence: Precedence = "utm", ownDomains: string[] = []): (params: Record<string, string>, referrerDomain: string | null, referrerMissing?: boolean) => readonly [Channel, Channel] {
  const known = new Map<string, readonly [Channel, Channel]>();
  const other: Precedence = precedence === "utm" ? "click_id" : "utm";
  return (params, referrerDomain, referrerMissing = false) => {
    const key = touchSignature(params, referrerDomain, referrerMissing);
    let pair = known.get(key);
    if (pair === undefined) {
      const touch: Touch = { params, referrerDomain, storeDomain, ownDomains, referrerMissing };
      known.set(key, (pair = [classifyChannel(touch, precedence), classifyChannel(touch, other)]));
    }
    return pair;
  };
}

/** The store's registrable domain: the most frequent page host, reduced to its last two labels. */
export function detectStoreDomain(pageHosts: Iterable<string | null>): string | null {
  // Runs of the same host are counted first and added to the map once per run: consecutive events
  // mostly share their host, and a comparison costs less than a hash lookup. A host enters the map
  // at the end of its first run, so the map keeps the order of first appearance (ties go to the first).
  const counts = new Map<string, number>();
  let run: string | null = null;
  let length = 0;
  for (const h of pageHosts) {
    if (h === run) {
      length++;
      continue;
    }
    if (run) counts.set(run, (counts.get(run) ?? 0) + length);
    run = h;
    length = 1;
  }
  if (run) counts.set(run, (counts.get(run) ?? 0) + length);
  let best: string | null = null;
  let max = 0;
  for (const [h, c] of counts) if (c > max) [best, max] = [h, c];
  return best ? best.split(".").slice(-2).join(".") : null;
}
