/**
 * Data tables of the fictional store "Dreamloft" used by the demo data generator: products,
 * pages, traffic channels, user agents, referrer hosts. Values are hashed exactly like the real
 * exports (see docs DOMAIN.md): parameter value → first 6 hex digits (upper) of md5, third-party
 * referrer host → `source-` + first 8 hex digits of md5(host) + `.com`.
 */
import { createHash } from "node:crypto";
import type { Rng } from "./rng";

export const STORE_ORIGIN = "https://dreamloft.com";
export const CHECKOUT_ORIGIN = "https://checkout.dreamloft.com";

const hashCache = new Map<string, string>();
/** Hashed query parameter value as in the real export: md5(value), first 6 hex digits, upper case. */
export function hashValue(value: string): string {
  let h = hashCache.get(value);
  if (h === undefined) {
    h = createHash("md5").update(value).digest("hex").slice(0, 6).toUpperCase();
    hashCache.set(value, h);
  }
  return h;
}

const referrerCache = new Map<string, string>();
/** Referrer URL for a third-party host; search engines and the store itself stay plain. */
export function referrerFor(host: string): string {
  let url = referrerCache.get(host);
  if (url === undefined) {
    url = host === "www.google.com" || host === "www.bing.com" || host.endsWith("dreamloft.com")
      ? `https://${host}/`
      : `https://source-${createHash("md5").update(host).digest("hex").slice(0, 8)}.com/`;
    referrerCache.set(host, url);
  }
  return url;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

// ---------------------------------------------------------------- products

export interface Variant {
  /** Size code used in the item id, e.g. `Q`. */
  code: string;
  /** Plain value of the `size` URL parameter (hashed in URLs). */
  size: string;
  /** `item_variant` text, e.g. `Queen - (60"W x 80"L x 10"H)`. */
  label: string;
  /** Price in cents; always a multiple of 25 so float sums of price × quantity are exact. */
  priceCents: number;
}

export interface Product {
  slug: string;
  name: string;
  code: string;
  mattress: boolean;
  /** Relative popularity of its product page. */
  weight: number;
  variants: Variant[];
}

const BED_SIZES: { code: string; size: string; dims: string; add: number }[] = [
  { code: "T", size: "Twin", dims: '38"W x 75"L', add: -400 },
  { code: "TXL", size: "Twin XL", dims: '38"W x 80"L', add: -350 },
  { code: "F", size: "Full", dims: '54"W x 75"L', add: -200 },
  { code: "Q", size: "Queen", dims: '60"W x 80"L', add: 0 },
  { code: "K", size: "King", dims: '76"W x 80"L', add: 200 },
  { code: "CK", size: "Cal King", dims: '72"W x 84"L', add: 200 },
];

function bedProduct(slug: string, name: string, code: string, queen: number, height: string, weight: number, mattress: boolean, sizes = BED_SIZES): Product {
  const scale = queen / 1000;
  return {
    slug, name, code, mattress, weight,
    variants: sizes.map((s) => ({
      code: s.code,
      size: s.size,
      label: height ? `${s.size}  -  (${s.dims} x ${height}"H)` : `${s.size}  -  (${s.dims})`,
      priceCents: Math.max(2500, Math.round((queen + s.add * scale) * 4) * 25),
    })),
  };
}

const LARGE_SIZES = BED_SIZES.filter((s) => s.code === "F" || s.code === "Q" || s.code === "K" || s.code === "CK");

export const PRODUCTS: Product[] = [
  bedProduct("dreamloft-original-mattress", "Dreamloft Original Mattress", "ORIG", 1095, "10", 30, true),
  bedProduct("dreamloft-cloud-hybrid", "Dreamloft Cloud Hybrid Mattress", "CLOUD", 1495, "12", 18, true),
  bedProduct("dreamloft-luxe-mattress", "Dreamloft Luxe Mattress", "LUXE", 1995, "14", 12, true),
  bedProduct("dreamloft-royal-hybrid", "Dreamloft Royal Hybrid Mattress", "ROYAL", 2795, "16", 6, true, LARGE_SIZES),
  bedProduct("dreamloft-cooling-topper", "Dreamloft Cooling Mattress Topper", "TOPPR", 245, "2.5", 9, false),
  bedProduct("dreamloft-mattress-protector", "Dreamloft Waterproof Mattress Protector", "PROT", 128, "", 5, false),
  bedProduct("dreamloft-upholstered-bed-frame", "Dreamloft Upholstered Bed Frame", "BFRAM", 934, "51", 6, false, LARGE_SIZES),
  bedProduct("dreamloft-foundation", "Dreamloft Foundation", "FOUND", 299, "9", 3, false, LARGE_SIZES),
  bedProduct("dreamloft-bamboo-sheets", "Dreamloft Bamboo Sheet Set", "SHEET", 159.75, "", 4, false),
  {
    slug: "dreamloft-cloud-pillow", name: "Dreamloft Cloud Pillow", code: "PILLW", mattress: false, weight: 5,
    variants: [
      { code: "STD", size: "Standard", label: 'Standard  -  (20"W x 26"L)', priceCents: 8950 },
      { code: "KNG", size: "King", label: 'King  -  (20"W x 36"L)', priceCents: 10950 },
    ],
  },
  {
    slug: "dreamloft-weighted-blanket", name: "Dreamloft Weighted Blanket", code: "BLNKT", mattress: false, weight: 2,
    variants: [
      { code: "15", size: "15 lbs", label: "15 lbs", priceCents: 14950 },
      { code: "20", size: "20 lbs", label: "20 lbs", priceCents: 16975 },
    ],
  },
];
export const PRODUCT_WEIGHTS = PRODUCTS.map((p) => p.weight);
/** Accessories that are added to a basket as extras. */
export const EXTRAS = PRODUCTS.filter((p) => !p.mattress);

export function itemId(product: Product, variant: Variant): string {
  return `${variant.code}-${product.code}-24`;
}

// ---------------------------------------------------------------- pages

export const COLLECTIONS = ["mattresses", "bedding", "pillows", "bed-frames", "sale", "best-sellers", "all"];
export const BLOG_POSTS = [
  "sleep-guide/how-to-choose-mattress-firmness",
  "sleep-guide/hybrid-vs-memory-foam",
  "sleep-guide/best-mattress-for-back-pain",
  "sleep-guide/how-long-does-a-mattress-last",
  "sleep-guide/mattress-sizes-explained",
  "sleep-guide/cooling-tips-for-hot-sleepers",
  "reviews/dreamloft-luxe-review-by-a-chiropractor",
  "reviews/thirty-nights-on-the-cloud-hybrid",
];
export const INFO_PAGES = ["compare-mattresses", "101-night-trial", "financing", "reviews", "warranty", "contact-us", "showrooms"];

export type PageKind = "home" | "product" | "collection" | "blog" | "page" | "cart";
export const PAGE_KINDS: PageKind[] = ["home", "product", "collection", "blog", "page", "cart"];
/** Conversion multiplier of a session by the kind of its landing page. */
export const LANDING_CONVERSION: Record<PageKind, number> = {
  home: 1.0, product: 1.3, collection: 1.0, blog: 0.4, page: 0.9, cart: 1.5,
};
/** Weights of the next page while browsing (after the landing page), in PAGE_KINDS order. */
export const BROWSE_WEIGHTS = [12, 45, 20, 8, 10, 5];

// ---------------------------------------------------------------- channels

export type ChannelName =
  | "Paid Search" | "Affiliates" | "Email" | "Organic Search"
  | "Paid Social" | "Organic Social" | "Referral" | "Direct";

export interface ChannelSpec {
  name: ChannelName;
  weight: number;
  /** Conversion multiplier of the channel. */
  conversion: number;
  /** Landing page weights in PAGE_KINDS order. */
  landing: number[];
  /** Query string (without `?`) of the landing URL; parameter values already hashed. */
  params: (rng: Rng) => string;
  /** External referrer of the landing page; `params` is the landing query string. */
  referrer: (rng: Rng, params: string) => string;
}

const CAMPAIGNS = ["presidents_day_sale", "spring_sale", "brand_search", "mattress_generic", "retargeting_30d", "new_arrivals", "bundle_offer"];
const AFFILIATE_SOURCES = ["impact", "rakuten", "cj", "awin", "shareasale"];
const AFFILIATE_HOSTS = ["www.retailmenot.com", "www.rakuten.com", "slickdeals.net", "www.dealnews.com"];
const MAIL_HOSTS = ["mail.google.com", "outlook.live.com", "mail.yahoo.com"];
const SOCIAL_HOSTS = ["facebook.com", "www.instagram.com", "www.reddit.com", "t.co", "www.pinterest.com"];
const REFERRAL_HOSTS = [
  "www.sleepfoundation.org", "www.mattressclarity.com", "sleepopolis.com", "www.tomsguide.com",
  "www.goodhousekeeping.com", "www.nytimes.com", "bestmattressreviews.blog", "thesleepjudge.com",
];

const h = hashValue;
const campaign = (rng: Rng): string => h(rng.pick(CAMPAIGNS));

export const CHANNELS: ChannelSpec[] = [
  {
    name: "Paid Search", weight: 25, conversion: 1.35, landing: [10, 60, 12, 2, 16, 0],
    params: (rng) => {
      if (rng.chance(0.15)) return `utm_source=${h("bing")}&utm_medium=${h("cpc")}&utm_campaign=${campaign(rng)}&msclkid=${rng.hexUpper(6)}`;
      if (rng.chance(0.5)) return `gad_source=${h("1")}&gbraid=${rng.hexUpper(6)}&gclid=${rng.hexUpper(6)}`;
      return `utm_source=${h("google")}&utm_medium=${h("cpc")}&utm_campaign=${campaign(rng)}&gad_source=${h("1")}&gclid=${rng.hexUpper(6)}`;
    },
    referrer: (rng, params) =>
      rng.chance(0.7) ? referrerFor(params.includes("msclkid=") ? "www.bing.com" : "www.google.com") : "",
  },
  {
    name: "Affiliates", weight: 20, conversion: 1.0, landing: [20, 55, 10, 3, 12, 0],
    params: (rng) => {
      if (rng.chance(0.5)) {
        const click = rng.hexUpper(6);
        return `irclickid=${click}&utm_source=${h(rng.pick(AFFILIATE_SOURCES))}&utm_medium=${h("Affiliates")}&clickid=${click}`;
      }
      return `oid=${h("3")}&affid=${h(String(rng.int(1, 9)))}&sub1=${rng.hexUpper(6)}&sub2=${h("")}&utm_medium=${h("Affiliates")}`;
    },
    referrer: (rng) => (rng.chance(0.6) ? "" : referrerFor(rng.pick(AFFILIATE_HOSTS))),
  },
  {
    name: "Email", weight: 6, conversion: 1.8, landing: [15, 50, 25, 2, 8, 0],
    params: (rng) => `utm_source=${h("klaviyo")}&utm_medium=${h("email")}&utm_campaign=${campaign(rng)}&utm_content=${rng.hexUpper(6)}&_kx=${rng.hexUpper(6)}`,
    referrer: (rng) => (rng.chance(0.7) ? "" : referrerFor(rng.pick(MAIL_HOSTS))),
  },
  {
    name: "Organic Search", weight: 18, conversion: 0.9, landing: [30, 25, 10, 30, 5, 0],
    params: () => "",
    referrer: (rng) => {
      const r = rng.next();
      return referrerFor(r < 0.75 ? "www.google.com" : r < 0.9 ? "www.bing.com" : "duckduckgo.com");
    },
  },
  {
    name: "Paid Social", weight: 6, conversion: 0.6, landing: [10, 70, 10, 5, 5, 0],
    params: (rng) => `utm_source=${h("facebook")}&utm_medium=${h("paid")}&utm_campaign=${campaign(rng)}&fbclid=${rng.hexUpper(6)}`,
    referrer: (rng) => referrerFor(rng.chance(0.6) ? "m.facebook.com" : "l.facebook.com"),
  },
  {
    name: "Organic Social", weight: 4, conversion: 0.5, landing: [25, 40, 5, 25, 5, 0],
    params: () => "",
    referrer: (rng) => referrerFor(rng.pick(SOCIAL_HOSTS)),
  },
  {
    name: "Referral", weight: 4, conversion: 0.8, landing: [20, 45, 5, 20, 10, 0],
    params: () => "",
    referrer: (rng) => referrerFor(rng.pick(REFERRAL_HOSTS)),
  },
  {
    name: "Direct", weight: 17, conversion: 1.1, landing: [55, 25, 8, 2, 6, 4],
    params: () => "",
    referrer: () => "",
  },
];
export const CHANNEL_WEIGHTS = CHANNELS.map((c) => c.weight);

// ---------------------------------------------------------------- devices

export type DeviceType = "mobile" | "tablet" | "desktop";
export interface UserAgentSpec { ua: string; device: DeviceType; weight: number }

const IOS = "AppleWebKit/605.1.15 (KHTML, like Gecko)";
const BLINK = "AppleWebKit/537.36 (KHTML, like Gecko)";
export const USER_AGENTS: UserAgentSpec[] = [
  { device: "mobile", weight: 20, ua: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_1 like Mac OS X) ${IOS} Version/18.3 Mobile/15E148 Safari/604.1` },
  { device: "mobile", weight: 7, ua: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) ${IOS} Version/18.2 Mobile/15E148 Safari/604.1` },
  { device: "mobile", weight: 6, ua: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_1 like Mac OS X) ${IOS} CriOS/133.0.6943.120 Mobile/15E148 Safari/604.1` },
  { device: "mobile", weight: 4, ua: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_1 like Mac OS X) ${IOS} GSA/355.0.723646882 Mobile/15E148 Safari/604.1` },
  { device: "mobile", weight: 3, ua: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_1 like Mac OS X) ${IOS} Mobile/22D72 [FBAN/FBIOS;FBAV/500.0.0.36.105;FBBV/702391640;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/18.3.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/80]` },
  { device: "mobile", weight: 10, ua: `Mozilla/5.0 (Linux; Android 10; K) ${BLINK} Chrome/133.0.0.0 Mobile Safari/537.36` },
  { device: "mobile", weight: 4, ua: `Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921U) ${BLINK} SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36` },
  { device: "tablet", weight: 3, ua: `Mozilla/5.0 (iPad; CPU OS 18_3 like Mac OS X) ${IOS} Version/18.3 Mobile/15E148 Safari/604.1` },
  { device: "desktop", weight: 12, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${BLINK} Chrome/133.0.0.0 Safari/537.36` },
  { device: "desktop", weight: 6, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${BLINK} Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0` },
  { device: "desktop", weight: 3, ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:135.0) Gecko/20100101 Firefox/135.0" },
  { device: "desktop", weight: 7, ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${IOS} Version/18.3 Safari/605.1.15` },
  { device: "desktop", weight: 8, ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${BLINK} Chrome/133.0.0.0 Safari/537.36` },
  { device: "desktop", weight: 1.5, ua: `Mozilla/5.0 (X11; Linux x86_64) ${BLINK} Chrome/133.0.0.0 Safari/537.36` },
  { device: "desktop", weight: 1, ua: `Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) ${BLINK} Chrome/133.0.0.0 Safari/537.36` },
];
export const USER_AGENT_WEIGHTS = USER_AGENTS.map((u) => u.weight);
/** Conversion multiplier by device: desktop converts about 2x better than mobile. */
export const DEVICE_CONVERSION: Record<DeviceType, number> = { mobile: 0.75, tablet: 1.0, desktop: 1.5 };

/** Relative traffic by UTC hour (a US store: quiet in the US night, 06–12 UTC). */
export const HOUR_WEIGHTS = [7, 6, 5, 4, 3, 2.2, 1.6, 1.2, 1, 1, 1.2, 1.6, 2.4, 3.4, 4.4, 5.2, 5.8, 6, 6.2, 6.4, 6.6, 6.8, 7, 7.2];
export const HOURS = HOUR_WEIGHTS.map((_, i) => i);

/** Event names outside the tracking plan, used for the UNKNOWN_EVENT defect. */
export const UNKNOWN_EVENTS = ["scroll_depth", "add_to_wishlist", "video_played", "search_submitted"];
