import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, signInAs } from "./auth";

// Security headers (proxy.ts, next.config.js): every page carries a Content-Security-Policy with a
// nonce new on each request, and under it the pages still work: no script or style is blocked,
// the charts draw, the controls answer. Every response, pages, API routes, CSV and PDF downloads
// and built assets, carries the static headers.

const SHOTS = "/tmp/e2e-shots";

/** The headers next.config.js sends on every response. */
function expectStaticHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera", "microphone", "geolocation"]) expect(permissions, `${what}: Permissions-Policy`).toContain(`${feature}=()`);
}

/** The page's policy: its directives, and the nonce of its script-src. */
function parsePolicy(policy: string | undefined, what: string): { directives: Map<string, string[]>; nonce: string } {
  expect(policy, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    policy!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values] as const),
  );
  expect(directives.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(directives.get("object-src"), what).toEqual(["'none'"]);
  expect(directives.get("default-src"), what).toEqual(["'self'"]);
  const script = directives.get("script-src") ?? [];
  expect(script, what).toContain("'strict-dynamic'");
  // No blanket permission for scripts: only the nonce (and what nonced scripts load) runs.
  expect(script, what).not.toContain("'unsafe-inline'");
  expect(script, what).not.toContain("'unsafe-eval'");
  const nonces = script.filter((s) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(s));
  expect(nonces, `${what}: one nonce in script-src`).toHaveLength(1);
  return { directives, nonce: nonces[0]!.slice("'nonce-".length, -1) };
}

/** Every <script> of the served HTML carries the request's nonce. */
function expectNoncedScripts(html: string, nonce: string, what: string) {
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `${what}: scripts in the page`).toBeGreaterThan(0);
  const without = tags.filter((t) => !t.includes(`nonce="${nonce}"`));
  expect(without, `${what}: scripts without the nonce`).toEqual([]);
}

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/**
 * Records what the policy blocks on a page: the browser's securitypolicyviolation events (listened
 * to before any of the page's scripts run) and its console errors about the Content Security
 * Policy. Uncaught errors are kept too: a blocked chunk shows up as one.
 */
async function watchPolicy(page: Page): Promise<{ expectNone: (what: string) => Promise<void> }> {
  const consoleErrors: string[] = [];
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content[- ]Security[- ]Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: Violation[] };
    w.__cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => w.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` }),
      true,
    );
  });
  return {
    async expectNone(what: string) {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? null);
      expect(events, `${what}: the violation listener was installed`).not.toBeNull();
      expect(events, `${what}: securitypolicyviolation events`).toEqual([]);
      expect(consoleErrors, `${what}: console errors about the Content Security Policy`).toEqual([]);
      expect(errors, `${what}: uncaught errors`).toEqual([]);
    },
  };
}

/** Next.js's client started (its first chunk sets window.next), so the page is hydrated. */
async function expectClientStarted(page: Page) {
  await expect.poll(() => page.evaluate(() => (window as unknown as { next?: { appDir?: boolean } }).next?.appDir ?? false)).toBe(true);
}

/** Every page of app/: the folders holding a page.tsx (route groups left out of the path). */
function appPages(dir = join(process.cwd(), "app"), route: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(e.name)) ? [`/${route.join("/")}`] : [];
  const below = entries
    .filter((e) => e.isDirectory() && e.name !== "api" && !e.name.startsWith("_") && !e.name.startsWith("@"))
    .flatMap((e) => appPages(join(dir, e.name), /^\(.*\)$/.test(e.name) ? route : [...route, e.name]));
  return [...here, ...below].sort();
}

/** A nav link followed on the client: the next page's heading shows and no new document is loaded. */
async function softNavigate(page: Page, link: string, heading: string) {
  let documents = 0;
  const count = (r: { resourceType: () => string }) => {
    if (r.resourceType() === "document") documents++;
  };
  page.on("request", count);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
  page.off("request", count);
  expect(documents, "client-side navigation, not a page load").toBe(0);
}

/** What each page must still do under the policy: charts drawn (recharts' inline styles), controls answering (scripts and fetches). */
const PAGE_CHECKS: Record<string, (page: Page) => Promise<void>> = {
  "/": async (page) => {
    await expect(page.getByRole("heading", { name: "Executive summary", level: 1 })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    // The page opens on the last 7 days; switching to 14 must fetch (scripts and fetches answer under the policy).
    const fortnight = page.getByTestId("range-presets").getByRole("button", { name: "Last 14 days", exact: true });
    const summary = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/summary");
    await fortnight.click();
    expect((await summary).status()).toBe(200);
    await expect(fortnight).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("range-shown")).toContainText("(14 days)");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
  },
  "/data-quality": async (page) => {
    await expect(page.getByRole("heading", { name: "Data quality", level: 1 })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    // Signed out: no client control of its own on the page (the quarantine filter is tested signed in, below).
    await softNavigate(page, "Attribution", "Attribution");
  },
  "/attribution": async (page) => {
    await expect(page.getByRole("heading", { name: "Attribution", level: 1 })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    const first = page.getByTestId("model-toggle").getByRole("radio", { name: "First click", exact: true });
    await first.check();
    await expect(first).toBeChecked();
    await expect(page.getByRole("region", { name: "Channel performance" }).getByRole("heading", { level: 2 })).toContainText("Channels · First click");
  },
  "/traffic": async (page) => {
    await expect(page.getByRole("heading", { name: "Traffic", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Funnel" }).locator(".recharts-surface")).toBeVisible();
    // A channel link filters the page (a soft navigation: the page's scripts ran under the CSP).
    await page.getByTestId("traffic-channels").locator("a[data-filter=channel]").first().click();
    await expect(page).toHaveURL(/channel=/);
    await expect(page.getByTestId("clear-filters")).toBeVisible();
  },
  "/monitoring": async (page) => {
    await expect(page.getByRole("heading", { name: "Monitoring", level: 1 })).toBeVisible();
    const events = page.getByTestId("metric-charts").locator('section[data-metric="events"]');
    const surface = events.locator("svg.recharts-surface").first();
    await expect(surface).toBeVisible();
    // Hovering a day opens recharts' tooltip with that day's value.
    await surface.hover();
    await expect(events.locator(".recharts-tooltip-wrapper")).toContainText("Value:");
  },
  "/data": async (page) => {
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
    await expect(page.getByTestId("er-diagram").getByRole("img")).toBeVisible();
    await softNavigate(page, "Data quality", "Data quality");
  },
  "/runs": async (page) => {
    await expect(page.getByRole("heading", { name: "Runs & upload", level: 1 })).toBeVisible();
    await softNavigate(page, "Executive summary", "Executive summary");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
  },
};

const PAGES = appPages();

test.describe("Security headers", () => {
  test("every page of app/ is checked", () => {
    for (const path of Object.keys(PAGE_CHECKS)) expect(PAGES, "the pages found in app/").toContain(path);
  });

  for (const path of PAGES) {
    test(`${path}: headers, a nonce on every script, no policy violation, charts and controls work`, async ({ page }) => {
      expect(path.includes("["), `${path} has a dynamic segment: give it a value to visit`).toBe(false);
      const policy = await watchPolicy(page);
      const res = await page.goto(path);
      expect(res, path).not.toBeNull();
      expect(res!.status(), path).toBe(200);
      const headers = res!.headers();
      expectStaticHeaders(headers, path);
      const { nonce } = parsePolicy(headers["content-security-policy"], path);
      expectNoncedScripts(await res!.text(), nonce, path);
      await expectClientStarted(page);
      await PAGE_CHECKS[path]?.(page);
      await policy.expectNone(path);
    });
  }

  test("signed in: the sign-in form (a server action), the quarantine filter and the accounts page work under the policy", async ({ page }) => {
    const policy = await watchPolicy(page);
    await signInAs(page, "admin", ADMIN_PASSWORD);
    await policy.expectNone("sign-in");

    const res = await page.goto("/data-quality");
    parsePolicy(res!.headers()["content-security-policy"], "/data-quality signed in");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    const table = page.getByRole("table", { name: "Quarantined rows" });
    await page.getByLabel("Reason").selectOption("UNKNOWN_EVENT");
    await expect(table.locator("tbody tr").first()).toContainText("UNKNOWN_EVENT");
    expect(new Set(await table.locator("tbody tr td:first-child").allInnerTexts())).toEqual(new Set(["UNKNOWN_EVENT"]));
    await policy.expectNone("/data-quality signed in");

    await page.goto("/accounts");
    await expect(page.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toBeEditable();
    await policy.expectNone("/accounts signed in");
  });

  test("the nonce is new on every request", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await request.get("/data-quality");
      expect(res.status()).toBe(200);
      const { nonce } = parsePolicy(res.headers()["content-security-policy"], `request ${i + 1}`);
      expectNoncedScripts(await res.text(), nonce, `request ${i + 1}`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(3);
  });

  test("a page that does not exist: a 404 under the same policy, its scripts allowed", async ({ page }) => {
    const policy = await watchPolicy(page);
    const res = await page.goto("/no-such-page");
    expect(res!.status()).toBe(404);
    const headers = res!.headers();
    expectStaticHeaders(headers, "404 page");
    const { nonce } = parsePolicy(headers["content-security-policy"], "404 page");
    expectNoncedScripts(await res!.text(), nonce, "404 page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectClientStarted(page);
    await policy.expectNone("404 page");
  });

  test("API routes, CSV and PDF downloads and built assets carry the static headers", async ({ request }) => {
    const downloads: [string, RegExp][] = [
      ["/api/summary", /^application\/json/],
      ["/api/monitoring", /^application\/json/],
      ["/api/attribution/comparison?a=first_click&b=last_click&lookback=7", /^text\/csv/],
      ["/api/reports/executive", /^application\/pdf/],
      ["/api/reports/data-quality", /^application\/pdf/],
    ];
    for (const [url, type] of downloads) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()["content-type"], url).toMatch(type);
      expectStaticHeaders(res.headers(), url);
    }
    // A table export, whatever its answer (it may need a sign-in), and an error.
    for (const url of ["/api/data/orders", "/api/data/no_such_table"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBeLessThan(500);
      expectStaticHeaders(res.headers(), url);
    }
    // Built assets: the static headers, no page policy (the proxy skips them).
    const html = await (await request.get("/data-quality")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const url of [assets.find((a) => a.endsWith(".js")), assets.find((a) => a.endsWith(".css"))]) {
      if (!url) continue;
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expectStaticHeaders(res.headers(), url);
      expect(res.headers()["content-security-policy"], url).toBeUndefined();
    }
  });

  test("the executive summary draws its charts at 1440 px under the policy", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const policy = await watchPolicy(page);
    await page.goto("/");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    // Lines and bars are drawn, not only the empty frame.
    await expect(page.locator(".recharts-surface path.recharts-curve, .recharts-surface .recharts-rectangle").first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/security-headers-executive-1440.png`, fullPage: true });
    await policy.expectNone("/ at 1440 px");
  });
});

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
