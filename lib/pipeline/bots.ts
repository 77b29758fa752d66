/**
 * Crawler and automation traffic, recognised by user agent: the maintained list of the `isbot`
 * package (search and SEO crawlers, link previews, monitoring, HTTP libraries) plus headless
 * browsers and audit tools that list does not always name. Each recognised agent gets a family
 * name for the BOT_TRAFFIC finding (e.g. Googlebot, AhrefsBot, HeadlessChrome).
 */
import { isbot } from "isbot";

/** Automation the `isbot` list may miss or names poorly, with the family to report. */
const AUTOMATION: [RegExp, string][] = [
  [/HeadlessChrome/i, "HeadlessChrome"],
  [/Chrome-Lighthouse|\bLighthouse\b/i, "Lighthouse"],
  [/PhantomJS/i, "PhantomJS"],
  [/Puppeteer/i, "Puppeteer"],
  [/Playwright/i, "Playwright"],
  [/Selenium|WebDriver/i, "Selenium"],
  [/GTmetrix/i, "GTmetrix"],
  [/\bPTST\b/, "WebPageTest"],
  [/facebookexternalhit/i, "facebookexternalhit"],
];

/** In-app browsers of people (Android WebView, the Facebook and Instagram apps) that the list would count as robots. */
const IN_APP = /; wv\)|\[FBAN\/|\bFBAV\/|\bInstagram \d/;

/** The first word of the agent that names a robot: "Googlebot", "AdsBot", "bingbot", "YandexMobileBot". */
const NAMED = /([A-Za-z][A-Za-z0-9_-]*?(?:bot|crawler|spider|scraper|fetcher))\b/i;

/** The robot family of a user agent, or null for a browser a person uses. */
export function botFamily(ua: string | null): string | null {
  if (!ua) return null;
  for (const [pattern, family] of AUTOMATION) if (pattern.test(ua)) return family;
  if (IN_APP.test(ua) || !isbot(ua)) return null;
  const text = ua.replace(/\+?https?:\/\/\S+/gi, ""); // "+http://ahrefs.com/robot/" names no robot
  const named = NAMED.exec(text)?.[1];
  if (named) return named;
  const compatible = /compatible;\s*([A-Za-z][A-Za-z0-9_.-]*)/i.exec(text)?.[1];
  if (compatible) return compatible;
  // A library or tool without a robot word (curl/8.1, python-requests/2.31): its product name.
  const product = /^([A-Za-z][A-Za-z0-9_.-]*)/.exec(ua.trim())?.[1];
  return product && product !== "Mozilla" ? product : "Other automation";
}
