/**
 * The filters every page shares through its URL (issue: filters in the URL): the period (a preset
 * or custom dates), the attribution model, the lookback window, and a channel and a device (the
 * Traffic page's drill-down; other pages carry them along without applying them). Pages read them on the server,
 * views write them back with `history.replaceState`-style navigation, the navigation carries them
 * from page to page, and PDF and CSV links are built from them. Invalid values are ignored (the
 * page's default applies), never an error page.
 */
import { CHANNELS, LOOKBACK_DAYS, MODELS, type Model } from "@/lib/pipeline/constants";

/** One default model on every page. */
export const DEFAULT_MODEL: Model = "last_click";
export const PERIODS = ["all", "last7", "last14", "custom"] as const;
export type Period = (typeof PERIODS)[number];

export interface UrlFilters {
  period?: Period;
  from?: string;
  to?: string;
  model?: Model;
  lookback?: number;
  /** One of CHANNELS. */
  channel?: string;
  /** A device type as the data names it (desktop, mobile, tablet, …). */
  device?: string;
  /** Attribution per device (client id, the default) or per person (devices joined through a shared email). */
  identity?: "device" | "person";
}

/** What a device filter may look like (the data's device types are short words). */
export const DEVICE = /^[a-z][a-z0-9 _-]{0,31}$/i;

const isDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
};
const first = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v[0] : (v ?? undefined));

export function parseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): UrlFilters {
  const get = (k: string) => first(params instanceof URLSearchParams ? params.get(k) : params[k]);
  const out: UrlFilters = {};
  const period = get("period");
  if (period && (PERIODS as readonly string[]).includes(period)) out.period = period as Period;
  const from = get("from");
  const to = get("to");
  if (from && to && isDay(from) && isDay(to) && from <= to) {
    out.from = from;
    out.to = to;
  }
  if (out.period === "custom" && !out.from) delete out.period;
  const model = get("model");
  if (model && (MODELS as readonly string[]).includes(model)) out.model = model as Model;
  const lookback = Number(get("lookback"));
  if ((LOOKBACK_DAYS as readonly number[]).includes(lookback)) out.lookback = lookback;
  const channel = get("channel");
  if (channel && (CHANNELS as readonly string[]).includes(channel)) out.channel = channel;
  const device = get("device");
  if (device && DEVICE.test(device)) out.device = device;
  const identity = get("identity");
  if (identity === "device" || identity === "person") out.identity = identity;
  return out;
}

/** The query string of the filters (only those set), without the leading "?". */
export function filterSearch(f: UrlFilters): string {
  const p = new URLSearchParams();
  if (f.period) p.set("period", f.period);
  if (f.period === "custom" || (!f.period && f.from)) {
    if (f.from) p.set("from", f.from);
    if (f.to) p.set("to", f.to);
  }
  if (f.model) p.set("model", f.model);
  if (f.lookback !== undefined) p.set("lookback", String(f.lookback));
  if (f.channel) p.set("channel", f.channel);
  if (f.device) p.set("device", f.device);
  if (f.identity) p.set("identity", f.identity);
  return p.toString();
}

/** A link to another page that keeps the shared filters (and a section to land on). */
export function withFilters(path: string, f: UrlFilters, hash?: string): string {
  const q = filterSearch(f);
  return `${path}${q ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
}
