/**
 * Visitor journeys of the demo store: sessions of page views, email capture, add to cart,
 * checkout and purchase, plus the purchase payloads. Used by generator.ts only.
 */
import { WeightedTable, type Rng } from "./rng";
import {
  CHANNELS, CHANNEL_WEIGHTS, CHECKOUT_ORIGIN, COLLECTIONS, BLOG_POSTS, INFO_PAGES, DEVICE_CONVERSION,
  EXTRAS, LANDING_CONVERSION, PAGE_KINDS, BROWSE_WEIGHTS, PRODUCTS, PRODUCT_WEIGHTS, STORE_ORIGIN,
  USER_AGENTS, USER_AGENT_WEIGHTS, hashValue, itemId, sha256Hex,
  type ChannelSpec, type DeviceType, type PageKind, type Product, type UserAgentSpec, type Variant,
} from "./catalog";

/** Cart propensity per session before channel/landing/device multipliers. */
const BASE_CART = 0.055;
const P_CHECKOUT_GIVEN_CART = 0.35;
const P_COMPLETE_GIVEN_CHECKOUT = 0.26;
const P_EMAIL = 0.016;
const P_CONTINUE = 0.33;
const MAX_NORMAL_CENTS = 400_000;
const OUTLIER_CENTS = 4_000_000;

const CHANNEL_TABLE = new WeightedTable(CHANNELS, CHANNEL_WEIGHTS);
const LANDING_TABLES = new Map(CHANNELS.map((c) => [c, new WeightedTable(PAGE_KINDS, c.landing)]));
const BROWSE_TABLE = new WeightedTable(PAGE_KINDS, BROWSE_WEIGHTS);
const PRODUCT_TABLE = new WeightedTable(PRODUCTS, PRODUCT_WEIGHTS);
const UA_TABLE = new WeightedTable(USER_AGENTS, USER_AGENT_WEIGHTS);
const UA_BY_DEVICE = new Map((["mobile", "tablet", "desktop"] as DeviceType[]).map((d) => {
  const agents = USER_AGENTS.filter((u) => u.device === d);
  return [d, new WeightedTable(agents, agents.map((u) => u.weight))];
}));
/** Channels a planted cross-device journey starts from: the paid and email clicks people make on the phone. */
const FIRST_TOUCH_CHANNELS = CHANNELS.filter((c) => c.name === "Paid Search" || c.name === "Paid Social" || c.name === "Email");
const FIRST_TOUCH_TABLE = new WeightedTable(FIRST_TOUCH_CHANNELS, FIRST_TOUCH_CHANNELS.map((c) => c.weight));
const DIRECT = CHANNELS.find((c) => c.name === "Direct") as ChannelSpec;
const HOME_URL = `${STORE_ORIGIN}/`;
const CART_URL = `${STORE_ORIGIN}/cart`;
const COLLECTION_URLS = COLLECTIONS.map((c) => `${STORE_ORIGIN}/collections/${c}`);
const BLOG_URLS = BLOG_POSTS.map((b) => `${STORE_ORIGIN}/blogs/${b}`);
const INFO_PAGE_URLS = INFO_PAGES.map((pg) => `${STORE_ORIGIN}/pages/${pg}`);
const PRODUCT_URLS = new Map(PRODUCTS.map((p) => [p, `${STORE_ORIGIN}/products/${p.slug}`]));
const VARIANT_URLS = new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v, `${STORE_ORIGIN}/products/${p.slug}?size=${hashValue(v.size)}`] as const)));

// URLs are written unquoted as ASCII (see ChunkWriter in writer.ts): check the catalog's URL parts.
for (const text of [...COLLECTIONS, ...BLOG_POSTS, ...INFO_PAGES, ...PRODUCTS.map((p) => p.slug)]) {
  if (!/^[A-Za-z0-9/_.~-]+$/.test(text)) throw new Error(`demo catalog URL part must be a plain path segment: ${text}`);
}

export interface Visitor {
  id: string;
  ua: UserAgentSpec;
  /** The user agent, CSV-quoted and UTF-8 encoded. */
  uaBytes: Buffer;
  emailHash: string | null;
  lastTs: number;
  sessions: number;
  returnsLeft: number;
  /** Buys on the last of its 2–3 sessions (likely via another channel). */
  buyer: boolean;
  lastChannel: ChannelSpec | null;
}

export interface Item { product: Product; variant: Variant; quantity: number }
export interface Purchase {
  txId: string;
  items: Item[];
  revenueCents: number;
  kind: "clean" | "invalid" | "mismatch" | "outlier";
}

export interface Row {
  ts: number;
  /** Overrides the formatted timestamp (unparseable timestamp defect). */
  tsText: string | null;
  client: string;
  url: string;
  referrer: string;
  event: string;
  /** event_data text; purchases are serialised from `purchase` when written. */
  data: string;
  visitor: Visitor;
  /** First event of a session (carries the channel). */
  landing: boolean;
  purchase: Purchase | null;
  defect: boolean;
  duplicate: boolean;
}

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const sumCents = (items: Item[]): number => items.reduce((s, i) => s + i.variant.priceCents * i.quantity, 0);

/**
 * Transaction ids `ORD-<date>-<seq>`: one increasing sequence per purchase date, whoever places the
 * purchase (the traffic's journeys and the planted cross-device ones share one), so ids never repeat
 * except where a collision is planted on purpose.
 */
export class TxIds {
  private readonly counters = new Map<string, number>();

  next(rng: Rng, ts: number): string {
    const date = new Date(ts).toISOString().slice(0, 10).replace(/-/g, "");
    const seq = (this.counters.get(date) ?? 100 + rng.int(0, 80)) + rng.int(1, 3);
    this.counters.set(date, seq);
    if (this.counters.size > 8) this.counters.delete(this.counters.keys().next().value as string);
    return `ORD-${date}-${seq}`;
  }
}

export class Journeys {
  private readonly uaFields = new Map<string, Buffer>();

  constructor(private readonly rng: Rng, private readonly txIds = new TxIds()) {}

  private uaOf(ua: UserAgentSpec): Buffer {
    let uaBytes = this.uaFields.get(ua.ua);
    if (uaBytes === undefined) {
      uaBytes = Buffer.from(csvField(ua.ua), "utf8");
      this.uaFields.set(ua.ua, uaBytes);
    }
    return uaBytes;
  }

  newVisitor(start: number, dayStart: number): Visitor {
    const rng = this.rng;
    // ~15% of visitors first came before the exported window (older cookie)
    const first = rng.chance(0.15)
      ? Math.floor(dayStart / 1000) - rng.int(3_600, 60 * 86_400)
      : Math.floor(start / 1000) - rng.int(0, 3);
    const ua = UA_TABLE.pick(rng);
    const uaBytes = this.uaOf(ua);
    const r = rng.next();
    const returnsLeft = r < 0.07 ? 2 : r < 0.25 ? 1 : 0;
    return {
      id: `${first}-${rng.urlSafe(12)}`, ua, uaBytes, emailHash: null, lastTs: start, sessions: 0,
      returnsLeft, buyer: returnsLeft > 0 && rng.chance(0.02), lastChannel: null,
    };
  }

  private email(v: Visitor): string {
    if (v.emailHash === null) v.emailHash = sha256Hex(`customer.${v.id.slice(-12).toLowerCase()}@example.net`);
    return v.emailHash;
  }

  private productPath(p: Product, variant: Variant | null): string {
    return (variant ? VARIANT_URLS.get(variant) : PRODUCT_URLS.get(p)) as string;
  }

  /** Product of the page last returned by `page()`, if it was a product page. */
  private pageProduct: Product | null = null;

  /** URL of a random page of the given kind (precomputed strings: no per-event string building). */
  private page(kind: PageKind): string {
    const rng = this.rng;
    this.pageProduct = null;
    switch (kind) {
      case "product": {
        const p = PRODUCT_TABLE.pick(rng);
        this.pageProduct = p;
        return this.productPath(p, rng.chance(0.5) ? rng.pick(p.variants) : null);
      }
      case "collection": return rng.pick(COLLECTION_URLS);
      case "blog": return rng.pick(BLOG_URLS);
      case "page": return rng.pick(INFO_PAGE_URLS);
      case "cart": return CART_URL;
      default: return HOME_URL;
    }
  }

  // state of the session being simulated
  private rows: Row[] = [];
  private v: Visitor | null = null;
  private t = 0;
  private cur = "";
  private ref = "";
  private longGap = false;

  private push(event: string, data = "", isLanding = false, purchase: Purchase | null = null): void {
    this.rows.push({
      ts: this.t, tsText: null, client: (this.v as Visitor).id, url: this.cur, referrer: this.ref, event, data,
      visitor: this.v as Visitor, landing: isLanding, purchase, defect: false, duplicate: false,
    });
  }

  private view(url: string): void {
    this.ref = this.cur;
    this.cur = url;
    this.push("page_viewed");
  }

  private wait(): void {
    this.t += 1_000 + Math.floor(this.rng.exp(40_000));
    if (this.longGap && this.rng.chance(0.3)) {
      this.t += this.rng.int(20 * 60_000, 40 * 60_000); // a pause inside the visit: the session timeout matters
      this.longGap = false;
    }
  }

  /** Simulate one session; its rows are appended to `rows` (rows past midnight are carried by the caller). */
  session(v: Visitor, start: number, rows: Row[], day: number, returns: Map<number, Visitor[]>, days: number): void {
    const rng = this.rng;
    let channel = CHANNEL_TABLE.pick(rng);
    for (let i = 0; i < 3 && channel === v.lastChannel; i++) channel = CHANNEL_TABLE.pick(rng);
    v.sessions++;
    const landingKind = (LANDING_TABLES.get(channel) as WeightedTable<PageKind>).pick(rng);
    const f = channel.conversion * LANDING_CONVERSION[landingKind] * DEVICE_CONVERSION[v.ua.device];
    const buyingReturn = v.buyer && v.sessions > 1 && v.returnsLeft === 0 && rng.chance(Math.min(0.9, 0.45 * f));
    const cart = buyingReturn || rng.chance(Math.min(0.6, BASE_CART * f));
    const checkout = buyingReturn || (cart && rng.chance(P_CHECKOUT_GIVEN_CART));
    const converts = buyingReturn || (checkout && rng.chance(P_COMPLETE_GIVEN_CHECKOUT));

    this.rows = rows;
    this.v = v;
    this.t = start;
    this.longGap = rng.chance(0.05);
    const landing = this.page(landingKind);
    const params = channel.params(rng);
    this.cur = params ? `${landing}${landing.includes("?") ? "&" : "?"}${params}` : landing;
    this.ref = channel.referrer(rng, params);
    let product = this.pageProduct;
    this.push("page_viewed", "", true);
    let views = 1;
    while (views < 15 && rng.chance(P_CONTINUE)) views++;
    const emailAt = rng.chance(P_EMAIL) ? rng.int(0, views - 1) : -1;
    for (let i = 0; i < views; i++) {
      if (i > 0) {
        this.wait();
        const next = this.page(BROWSE_TABLE.pick(rng));
        if (this.pageProduct) product = this.pageProduct;
        this.view(next);
      }
      if (i === emailAt) {
        this.t += rng.int(3_000, 45_000);
        this.push("email_filled_on_popup", `{"user_email":"${this.email(v)}"}`);
      }
    }

    if (cart) this.cartAndCheckout(product, checkout, converts);

    v.lastTs = this.t;
    v.lastChannel = channel;
    if (v.returnsLeft > 0) {
      v.returnsLeft--;
      const d = day + (rng.chance(0.5) ? 1 : rng.int(2, 4));
      if (d < days) {
        const list = returns.get(d);
        if (list) list.push(v);
        else returns.set(d, [v]);
      }
    }
  }

  /** A new visitor on a device of the given type, its cookie set at `start` (planted cross-device journeys). */
  visitorOn(device: DeviceType, start: number): Visitor {
    const rng = this.rng;
    const ua = (UA_BY_DEVICE.get(device) as WeightedTable<UserAgentSpec>).pick(rng);
    return {
      id: `${Math.floor(start / 1000) - rng.int(0, 3)}-${rng.urlSafe(12)}`, ua, uaBytes: this.uaOf(ua), emailHash: null,
      lastTs: start, sessions: 0, returnsLeft: 0, buyer: false, lastChannel: null,
    };
  }

  /** Start simulating one session of `v` at `start` (no pause inside it: one session, whatever the timeout). */
  private begin(v: Visitor, start: number, rows: Row[]): void {
    this.rows = rows;
    this.v = v;
    this.t = start;
    this.longGap = false;
    v.sessions++;
  }

  /**
   * First visit of a planted cross-device journey: lands from a paid search, paid social or email
   * click (the channel's own tags, click ids and referrers), browses and leaves the email on the
   * popup. Returns the channel and the person's email hash (now the visitor's).
   */
  plantedFirstVisit(v: Visitor, start: number, rows: Row[]): { channel: ChannelSpec; email: string } {
    const rng = this.rng;
    const channel = FIRST_TOUCH_TABLE.pick(rng);
    this.begin(v, start, rows);
    const landing = this.page((LANDING_TABLES.get(channel) as WeightedTable<PageKind>).pick(rng));
    const params = channel.params(rng);
    this.cur = params ? `${landing}${landing.includes("?") ? "&" : "?"}${params}` : landing;
    this.ref = channel.referrer(rng, params);
    this.push("page_viewed", "", true);
    const views = rng.int(1, 4);
    const emailAt = rng.int(0, views - 1);
    const email = this.email(v);
    for (let i = 0; i < views; i++) {
      if (i > 0) {
        this.wait();
        this.view(this.page(BROWSE_TABLE.pick(rng)));
      }
      if (i === emailAt) {
        this.t += rng.int(3_000, 45_000);
        this.push("email_filled_on_popup", `{"user_email":"${email}"}`);
      }
    }
    v.lastTs = this.t;
    v.lastChannel = channel;
    return { channel, email };
  }

  /**
   * Later visit of the same person on another device (`v`, whose `emailHash` is the person's): typed
   * in or bookmarked (Direct: no referrer, no tags), browses, puts a product in the cart and buys.
   * Returns the purchase row.
   */
  plantedPurchase(v: Visitor, start: number, rows: Row[]): Row {
    const rng = this.rng;
    this.begin(v, start, rows);
    this.cur = this.page(rng.chance(0.5) ? "home" : "product");
    this.ref = DIRECT.referrer(rng, "");
    let product = this.pageProduct;
    this.push("page_viewed", "", true);
    const views = rng.int(0, 2);
    for (let i = 0; i < views; i++) {
      this.wait();
      const next = this.page(BROWSE_TABLE.pick(rng));
      if (this.pageProduct) product = this.pageProduct;
      this.view(next);
    }
    const from = rows.length;
    this.cartAndCheckout(product, true, true);
    v.lastTs = this.t;
    v.lastChannel = DIRECT;
    const bought = rows.slice(from).find((r) => r.purchase !== null);
    if (!bought) throw new Error("a planted purchase visit must end in a purchase");
    return bought;
  }

  /** Put the session's product (or a popular one) in the cart, maybe an extra; check out and buy as decided. */
  private cartAndCheckout(product: Product | null, checkout: boolean, converts: boolean): void {
    const rng = this.rng;
    const main = product ?? PRODUCT_TABLE.pick(rng);
    const items: Item[] = [];
    const addToCart = (p: Product): void => {
      const variant = rng.pick(p.variants);
      this.wait();
      this.view(this.productPath(p, variant));
      this.t += rng.int(2_000, 30_000);
      this.push("product_added_to_cart");
      items.push({ product: p, variant, quantity: p.code === "PILLW" && rng.chance(0.5) ? 2 : 1 });
    };
    addToCart(main);
    if (rng.chance(0.2)) addToCart(rng.pick(EXTRAS.filter((p) => p !== main)));
    if (rng.chance(0.8)) {
      this.wait();
      this.view(CART_URL);
    }
    if (checkout) {
      this.wait();
      const base = `${CHECKOUT_ORIGIN}/checkouts/cn/${rng.alnum(52)}`;
      this.ref = this.cur;
      this.cur = base;
      this.push("checkout_started");
      this.t += rng.int(50, 900);
      this.view(base);
      if (converts) {
        this.t += rng.int(60_000, 600_000);
        this.view(`${base}/processing?completed=${hashValue("true")}`);
        this.t += rng.int(300, 3_000);
        this.view(`${base}/thank-you`);
        this.t += rng.int(2, 10);
        this.push(rng.chance(0.1) ? "purchase" : "checkout_completed", "", false, this.purchase(items, this.t));
        if (rng.chance(0.3)) {
          this.t += rng.int(5_000, 60_000);
          this.view(`${base}/thank-you`);
        }
      }
    }
  }

  private purchase(cartItems: Item[], ts: number): Purchase {
    const rng = this.rng;
    const items = [...cartItems];
    if (rng.chance(0.35)) {
      const extra = rng.pick(EXTRAS);
      if (!items.some((i) => i.product === extra)) {
        items.push({ product: extra, variant: rng.pick(extra.variants), quantity: extra.code === "PILLW" ? 2 : 1 });
      }
    }
    while (items.length > 1 && sumCents(items) > MAX_NORMAL_CENTS) items.pop();
    return { txId: this.txIds.next(rng, ts), items, revenueCents: sumCents(items), kind: "clean" };
  }

  /** Turn a purchase into a consistent revenue outlier (>= 40,000): a bulk order of one mattress. */
  makeOutlier(p: Purchase): void {
    const first = p.items[0];
    const product = first && first.product.mattress ? first.product : (PRODUCTS[0] as Product);
    const variant = first && first.product === product ? first.variant : this.rng.pick(product.variants);
    const quantity = Math.ceil(OUTLIER_CENTS / variant.priceCents) + this.rng.int(0, 3);
    p.items = [{ product, variant, quantity }];
    p.revenueCents = sumCents(p.items);
    p.kind = "outlier";
  }

  /** Revenue differs from the items' sum by >= 1.00 (a coupon, or shipping charged on top). */
  makeMismatch(p: Purchase): void {
    const sum = sumCents(p.items);
    p.revenueCents = this.rng.chance(0.6)
      ? sum - Math.max(200, Math.round(sum * this.rng.pick([0.05, 0.1, 0.15])))
      : sum + 4_900;
    p.kind = "mismatch";
  }

  purchaseJson(p: Purchase, v: Visitor): string {
    const items = p.kind === "invalid"
      ? [{ item_id: null, item_name: null, item_variant: null, quantity: null, item_price: null }]
      : p.items.map((i) => ({
        item_id: itemId(i.product, i.variant), item_name: i.product.name, item_variant: i.variant.label,
        quantity: i.quantity, item_price: i.variant.priceCents / 100,
      }));
    const revenue = p.kind === "invalid" ? 0 : p.revenueCents / 100;
    return JSON.stringify({ transaction_id: p.txId, revenue, items, user_email: this.email(v) });
  }
}
