// Issue 12: a session ends when the worker says so, and only then. A sign-out made with no
// signal is remembered on the phone and sent first when the signal returns, and the app never
// signs back in as that worker meanwhile; a refresh whose reply was lost does not sign anyone out.
// On a phone-sized screen, in Debian's Chromium against the real server.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Cookie, Page } from "playwright-core";
import {
  expectNoSeriousA11yViolations,
  heading,
  launchBrowser,
  newPhoneContext,
  screenshot,
  signIn,
  watchPage,
} from "./support/browser.ts";

const baseUrl = inject("baseUrl");
const REFRESH_COOKIE = "gt_refresh";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let watcher: ReturnType<typeof watchPage>;
/** Every API call the page made, in order, as "METHOD /path". */
let apiCalls: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await context?.close();
});

async function freshPage(): Promise<void> {
  context = await newPhoneContext(browser, baseUrl);
  page = await context.newPage();
  watcher = watchPage(page);
  apiCalls = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/")) apiCalls.push(`${request.method()} ${path}`);
  });
}

async function refreshCookie(): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => c.name === REFRESH_COOKIE);
  if (!cookie) throw new Error("The browser holds no refresh cookie");
  return cookie;
}

/** POST /api/auth/refresh from outside the browser, with the cookie given. */
async function refreshWith(cookieValue: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/auth/refresh`, { method: "POST", headers: { Cookie: `${REFRESH_COOKIE}=${cookieValue}` } });
  await response.body?.cancel();
  return response.status;
}

describe("signing out with no signal", () => {
  it("is remembered, sent before anything else when the signal returns, and never signs back in as that worker", async () => {
    await freshPage();
    await signIn(page, "worker@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Your spending");
    const cookieWhenSignedIn = await refreshCookie();

    await context.setOffline(true);
    apiCalls = [];
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    const banner = page.locator(".govuk-notification-banner--success");
    expect(await banner.innerText()).toContain("You have signed out");
    expect(await banner.innerText()).toContain("It will tell the server as soon as there is a connection");
    await expectNoSeriousA11yViolations(page, "signed out with no signal");
    await screenshot(page, "signed-out-with-no-signal");
    expect(apiCalls).toContain("POST /api/auth/logout");
    // From here on, what the signed-out app asks the server for.
    apiCalls = [];

    // The signal is back, but the sign-out still cannot get through: the app stays signed out
    // and does not try the old cookie, even across a reload.
    await page.route("**/api/auth/logout", (route) => route.abort("internetdisconnected"));
    await context.setOffline(false);
    const logouts = () => apiCalls.filter((call) => call === "POST /api/auth/logout").length;
    const triedBeforeReload = logouts();
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    await expect.poll(logouts).toBeGreaterThan(triedBeforeReload);
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await page.unroute("**/api/auth/logout");

    // Signal back, page reloaded: the sign-out goes through before anything else.
    const loggedOut = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/logout" && response.status() === 204);
    await page.reload();
    await loggedOut;
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await expect.poll(() => page.locator(".govuk-notification-banner--success").innerText()).not.toContain("It will tell the server");
    // Signed out, the app has asked the server for nothing but the sign-out itself and the
    // council's public settings: no refresh with the old cookie, no outbox.
    expect(new Set(apiCalls)).toEqual(new Set(["POST /api/auth/logout", "GET /api/config"]));
    await expectNoSeriousA11yViolations(page, "signed out, and the server told");
    await screenshot(page, "signed-out-server-told");

    // The session is over on the server: the browser's cookie, and the one it held while
    // signed in, are both refused.
    const fromTheBrowser = await page.request.post("/api/auth/refresh");
    expect(fromTheBrowser.status()).toBe(401);
    expect(await refreshWith(cookieWhenSignedIn.value)).toBe(401);

    // Another reload stays signed out, and signing in again works as usual.
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    await signIn(page, "worker@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Your spending");
    watcher.assertClean();
  });
});

describe("a refresh whose reply is lost", () => {
  it("is tried again, and the worker stays signed in and carries on", async () => {
    await freshPage();
    await signIn(page, "worker2@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Your spending");

    // The first refresh reaches the server, which rotates the cookie, but its reply never comes
    // back: the browser keeps the cookie it had.
    let droppedReplyCookie: string | null = null;
    let refreshes = 0;
    await page.route("**/api/auth/refresh", async (route) => {
      refreshes += 1;
      if (droppedReplyCookie !== null) return route.continue();
      const before = await refreshCookie();
      const reply = await route.fetch();
      expect(reply.status()).toBe(200);
      droppedReplyCookie = successorIn(reply.headersArray()) ?? "";
      await context.addCookies([before]);
      await route.abort("connectionreset");
    });

    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Your spending");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(refreshes).toBe(2);
    // The server's grace window answered the retry with the same successor the lost reply held.
    expect(droppedReplyCookie).not.toBe("");
    expect((await refreshCookie()).value).toBe(droppedReplyCookie);
    await expect.poll(() => page.getByTestId("opened-offline").count()).toBe(0);

    // Carrying on: the worker's own list loads.
    await page.goto("/spends");
    await expect.poll(() => heading(page).textContent()).toBe("My spends");
    await page.getByTestId("spends").or(page.getByText("You have not logged any spends yet.")).waitFor();
    expect(await page.locator("main").innerText()).not.toContain("could not be loaded");
    await expectNoSeriousA11yViolations(page, "my spends after a lost refresh reply");
    await screenshot(page, "signed-in-after-a-lost-refresh-reply");

    // The session family lives on: the next refresh is an ordinary one.
    await page.unroute("**/api/auth/refresh");
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("My spends");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    watcher.assertClean();
  });
});

/** The refresh cookie's value in a reply's Set-Cookie headers. */
function successorIn(headers: { name: string; value: string }[]): string | null {
  for (const header of headers) {
    if (header.name.toLowerCase() !== "set-cookie") continue;
    const match = new RegExp(`^${REFRESH_COOKIE}=([^;]*)`).exec(header.value);
    if (match?.[1]) return match[1];
  }
  return null;
}
