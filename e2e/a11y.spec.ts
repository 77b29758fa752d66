/**
 * Phone and accessibility, page by page at a desktop (1440 px) and a phone (390 px) width: no
 * serious or critical axe-core violation, nothing wider than the viewport, a title of its own, no
 * failed request or console error, a visible focus ring on everything reached with Tab; the
 * navigation collapses into a menu button on a phone; the icons and the web manifest are served.
 * Full-page screenshots go to /tmp/shots-a.
 */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, signInAs } from "./auth";

const SHOTS = "/tmp/shots-a";
const APP = "Clickstream Analytics";
const WIDTHS = [1440, 390] as const;

interface PageCase {
  path: string;
  title: string;
  /** Visited signed out (the sign-in page); every other page as the admin, who sees every control. */
  signedOut?: boolean;
  /** Also opens these (e.g. a table's preview) before checking, so hidden parts are checked too. */
  open?: (page: Page) => Promise<void>;
}

const PAGES: PageCase[] = [
  { path: "/", title: "Executive summary" },
  { path: "/attribution", title: "Attribution" },
  { path: "/traffic", title: "Traffic" },
  { path: "/data-quality", title: "Data quality" },
  { path: "/monitoring", title: "Monitoring" },
  {
    path: "/data",
    title: "Data",
    open: async (page) => {
      await page.locator('details[data-table="orders"] summary').click();
      await expect(page.getByRole("table", { name: "First rows of orders" })).toBeVisible();
    },
  },
  { path: "/runs", title: "Runs & upload" },
  { path: "/accounts", title: "Accounts" },
  { path: "/sign-in", title: "Sign in", signedOut: true },
];

/** Requests that failed (network error or a 4xx/5xx answer) and console errors, while the page is open. */
function watchFailures(page: Page): { failures: string[]; stop: () => void } {
  const failures: string[] = [];
  let on = true;
  page.on("requestfailed", (r) => {
    // A fetch the page itself cancels when it navigates or re-renders is not a failure.
    if (on && r.failure()?.errorText !== "net::ERR_ABORTED") failures.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (on && r.status() >= 400) failures.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
  });
  page.on("console", (m) => {
    if (on && m.type() === "error") failures.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => {
    if (on) failures.push(`page error: ${e.message}`);
  });
  return { failures, stop: () => (on = false) };
}

/** Loads the page and waits for its client components' first fetches. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
}

/** Serious and critical axe-core violations, one readable block each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}, ${v.nodes.length} elements): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
          .join("\n") +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ""),
    );
}

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const found = await seriousViolations(page);
  expect.soft(found, `serious or critical axe-core violations on ${what}:\n\n${found.join("\n\n")}\n`).toEqual([]);
}

async function expectNoPageOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // The widest elements sticking out, to name the culprit on failure.
    const wide = [...document.querySelectorAll("body *")]
      .map((el) => ({ el, right: el.getBoundingClientRect().right + window.scrollX }))
      .filter((x) => x.right > innerWidth + 0.5)
      .slice(0, 5)
      .map(({ el, right }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/).join(".")}` : ""} (right edge ${Math.round(right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
  });
  expect.soft(scrollWidth, `${what} is wider than the viewport; sticking out: ${wide.join(", ")}`).toBeLessThanOrEqual(innerWidth);
}

/** WCAG contrast ratio of two rgb()/rgba() colours (alpha ignored: rings are opaque). */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

interface FocusState {
  name: string;
  outlineStyle: string;
  outlineWidth: number;
  ring: number[];
  behind: number[];
  visible: boolean;
}

/** Tabs through the page (up to `max` stops) and reads each focused element's ring and what lies behind it. */
async function tabStops(page: Page, max: number): Promise<FocusState[]> {
  await page.locator("body").focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => ((window as unknown as { seenFocus: WeakSet<Element> }).seenFocus = new WeakSet()));
  const stops: FocusState[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(() => {
      const seen = (window as unknown as { seenFocus: WeakSet<Element> }).seenFocus;
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (seen.has(el)) return "again"; // wrapped around
      seen.add(el);
      const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
      const opaque = (c: number[]) => c.length >= 3 && (c.length < 4 || c[3]! > 0.5);
      // A control drawn by its next sibling (an invisible native radio or file input over a label) shows the ring there.
      const drawn = getComputedStyle(el).opacity === "0" && el.nextElementSibling ? el.nextElementSibling : el;
      const style = getComputedStyle(drawn);
      // A ring outside the element lies over what is behind its parent; one inside (negative offset)
      // over the element's inset shadow or its own background.
      let behind: number[] | null = null;
      if (parseFloat(style.outlineOffset) < 0) {
        const inset = /^(rgba?\([^)]*\)).*inset/.exec(style.boxShadow);
        behind = inset ? rgb(inset[1]!) : opaque(rgb(style.backgroundColor)) ? rgb(style.backgroundColor) : null;
      }
      for (let p = drawn.parentElement; !behind && p; p = p.parentElement) {
        const bg = rgb(getComputedStyle(p).backgroundColor);
        if (opaque(bg)) behind = bg;
      }
      const r = drawn.getBoundingClientRect();
      const label = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
      return {
        name: `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""} "${label}"`,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        ring: rgb(style.outlineColor),
        behind: behind ?? [255, 255, 255],
        visible: r.width > 0 && r.height > 0,
        focusVisible: el.matches(":focus-visible"),
      };
    });
    if (state === "again") break;
    if (state && state.visible && state.focusVisible) stops.push(state);
  }
  return stops;
}

async function expectFocusRings(page: Page, what: string): Promise<void> {
  const stops = await tabStops(page, 80);
  expect(stops.length, `${what}: nothing reached with Tab`).toBeGreaterThan(0);
  const bad = stops
    .map((s) => {
      if (s.outlineStyle === "none" || s.outlineWidth < 2) return `${s.name}: no ring (outline ${s.outlineStyle} ${s.outlineWidth}px)`;
      const ratio = contrast(s.ring, s.behind);
      return ratio < 3 ? `${s.name}: ring rgb(${s.ring.join(",")}) on rgb(${s.behind.join(",")}) is ${ratio.toFixed(2)}:1` : null;
    })
    .filter((x): x is string => x !== null);
  expect.soft(bad, `${what}: focus rings missing or below 3:1\n${bad.join("\n")}`).toEqual([]);
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test.describe("Accessibility and phone widths", () => {
  for (const width of WIDTHS) {
    for (const p of PAGES) {
      test(`${p.path} at ${width} px: no serious axe violation, no sideways scroll, its own title, no failed request, focus rings`, async ({ page }) => {
        if (!p.signedOut) await signInAs(page, "admin", ADMIN_PASSWORD);
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        const watch = watchFailures(page);
        await open(page, p.path);
        const what = `${p.path} at ${width} px`;

        await expect.soft(page).toHaveTitle(`${p.title} · ${APP}`);
        await expectNoPageOverflow(page, what);
        await expectNoViolations(page, what);
        if (p.open) {
          await p.open(page);
          await expectNoPageOverflow(page, `${what} (opened)`);
          await expectNoViolations(page, `${what} (opened)`);
        }
        if (width === 390) {
          // The menu, open, is checked too.
          await page.getByRole("button", { name: "Menu" }).click({ timeout: 5_000 });
          await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link").first()).toBeVisible();
          await expectNoPageOverflow(page, `${what} (menu open)`);
          await expectNoViolations(page, `${what} (menu open)`);
          await page.keyboard.press("Escape");
        }
        const name = p.path === "/" ? "executive" : p.path.slice(1);
        await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
        await expectFocusRings(page, what);
        watch.stop();
        expect.soft(watch.failures, `failed requests or console errors on ${what}`).toEqual([]);
      });
    }
  }

  test("an unknown address answers 404 with its own title and a way back", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(`Page not found · ${APP}`);
    await page.getByRole("link", { name: "Back to the executive summary" }).click();
    await expect(page.getByRole("heading", { name: "Executive summary", level: 1 })).toBeVisible();
  });

  test("at 390 px the navigation is a menu button: keyboard, aria-expanded, closes on Escape and on navigation", async ({ page }) => {
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/data-quality");
    const nav = page.getByRole("navigation", { name: "Sections" });
    const button = page.getByRole("button", { name: "Menu" });
    const link = nav.getByRole("link", { name: "Attribution", exact: true });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(link).toBeHidden();
    // Who is signed in stays in view, outside the menu.
    await expect(page.getByText("Signed in as admin")).toBeVisible();
    // The collapsed bar is short: the page's heading is in the first screen.
    const barHeight = (await page.getByRole("complementary").boundingBox())!.height;
    expect(barHeight).toBeLessThan(100);
    await expect(page.getByRole("heading", { level: 1 })).toBeInViewport();

    // Keyboard: Enter opens, the links follow the button in tab order, Escape closes and returns focus.
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(link).toBeVisible();
    await expect(nav.getByRole("link", { name: "Data quality", exact: true })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `${SHOTS}/menu-open-390.png` });
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Executive summary" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(link).toBeHidden();
    await expect(button).toBeFocused();

    // Space opens too; following a link navigates and closes the menu.
    await page.keyboard.press("Space");
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/attribution(\?|$)/);
    await expect(page.getByRole("heading", { name: "Attribution", level: 1 })).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(link).toBeHidden();
    await expect(nav.getByRole("link", { name: "Attribution", exact: true, includeHidden: true })).toHaveAttribute("aria-current", "page");

    // Back at desktop width the links are there without the button.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(button).toBeHidden();
    await expect(link).toBeVisible();
    await expect(page.getByText("Signed in as admin")).toBeVisible();
    // Reached with the keyboard, a link shows its ring (white on the dark sidebar).
    await link.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(link).toBeFocused();
    expect(await link.evaluate((el) => el.matches(":focus-visible") && getComputedStyle(el).outlineStyle === "solid")).toBe(true);
    await page.screenshot({ path: `${SHOTS}/nav-focus-1440.png` });
  });

  test("the icons and the web manifest are served and linked from every page", async ({ page, request }) => {
    await page.goto("/sign-in");
    const icons = await page.locator('head link[rel="icon"], head link[rel="apple-touch-icon"]').evaluateAll((links) =>
      links.map((l) => ({ rel: l.getAttribute("rel"), href: l.getAttribute("href")!, type: l.getAttribute("type") })),
    );
    expect(icons.some((i) => i.href.split("?")[0] === "/icon.svg" && i.type === "image/svg+xml")).toBe(true);
    const manifestHref = await page.locator('head link[rel="manifest"]').getAttribute("href");
    expect(manifestHref).toBe("/manifest.webmanifest");

    const manifestRes = await request.get(manifestHref!);
    expect(manifestRes.status()).toBe(200);
    const manifest = (await manifestRes.json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest.name).toBe(APP);
    expect(manifest.start_url).toBe("/");
    expect(manifest.icons.map((i) => i.sizes).sort()).toEqual(expect.arrayContaining(["192x192", "512x512"]));

    const fetched = [...icons.map((i) => ({ href: i.href, type: i.type })), ...manifest.icons.map((i) => ({ href: i.src, type: i.type })), { href: "/favicon.ico", type: null }];
    for (const { href, type } of fetched) {
      const res = await request.get(href);
      expect(res.status(), href).toBe(200);
      const body = await res.body();
      expect(body.length, href).toBeGreaterThan(100);
      if (type === "image/png") {
        expect(res.headers()["content-type"], href).toBe("image/png");
        expect(body.subarray(1, 4).toString("latin1"), href).toBe("PNG");
      }
      if (type === "image/svg+xml") expect(body.toString("utf8"), href).toContain("<svg");
    }
    // The PNGs are the sizes the manifest says.
    for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
      const png = await (await request.get(icon.src)).body();
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    // /favicon.ico is an icon file (ICO header: reserved 0, type 1).
    const ico = await (await request.get("/favicon.ico")).body();
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  });
});
