// Signing in, each role's home, staying signed in across a reload, and signing out,
// on a phone-sized screen, in Debian's Chromium against the real server.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  expectNoSeriousA11yViolations,
  heading,
  launchBrowser,
  newPhoneContext,
  screenshot,
  signIn,
  watchPage,
} from "./support/browser.ts";
import { call, login } from "./support/api.ts";

const baseUrl = inject("baseUrl");

const ACCOUNTS = [
  { email: "worker@demo.test", role: "Worker", heading: "Your spending" },
  { email: "worker2@demo.test", role: "Worker", heading: "Your spending" },
  { email: "worker3@demo.test", role: "Worker", heading: "Your spending" },
  { email: "supervisor@demo.test", role: "Supervisor", heading: "Your team's spending" },
  { email: "supervisor2@demo.test", role: "Supervisor", heading: "Your team's spending" },
  { email: "auditor@demo.test", role: "Auditor", heading: "Audit and assurance" },
  { email: "finance@demo.test", role: "Finance", heading: "Monthly finance" },
  { email: "admin@demo.test", role: "Admin", heading: "Manage Green Tape" },
] as const;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let watcher: ReturnType<typeof watchPage>;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<Page> {
  context = await newPhoneContext(browser, baseUrl);
  page = await context.newPage();
  watcher = watchPage(page);
  return page;
}

afterEach(async () => {
  await context?.close();
});

describe("sign in", () => {
  it("shows an accessible sign-in page", async () => {
    await freshPage();
    await page.goto("/sign-in");
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    expect(await page.title()).toBe("Sign in – Green Tape");
    expect(await page.getByLabel("Email address").getAttribute("autocomplete")).toBe("username");
    expect(await page.getByLabel("Password", { exact: true }).getAttribute("autocomplete")).toBe("current-password");
    expect(await page.locator("header").count()).toBeGreaterThan(0);
    expect(await page.locator("main#main-content").count()).toBe(1);
    // The skip link is the first stop for a keyboard and moves focus to the main content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate("document.activeElement?.id")).toBe("main-content");
    // Every link is a touch target at least 24 px high (WCAG 2.2 target size).
    for (const link of await page.getByRole("link").all()) {
      const box = await link.boundingBox();
      // The skip link is a 1 px box until it has focus (checked above, once shown).
      if (!box || (box.width <= 1 && box.height <= 1)) continue;
      expect(box.height, `height of the link "${await link.innerText()}"`).toBeGreaterThanOrEqual(24);
    }
    await expectNoSeriousA11yViolations(page, "sign-in");
    await screenshot(page, "sign-in");
    watcher.assertClean();
  });

  it("sends a signed-out visitor to sign in, with nothing refused in the console", async () => {
    await freshPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const refusals: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) refusals.push(`${response.status()} ${response.url()}`);
    });
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    await page.waitForLoadState("networkidle");
    expect(refusals).toEqual([]);
    expect(consoleErrors).toEqual([]);
    watcher.assertClean();
  });

  it.for(ACCOUNTS)("signs in $email and shows the $role home", async (account) => {
    await freshPage();
    await page.goto("/");
    await signIn(page, account.email);

    await expect.poll(() => heading(page).textContent()).toBe(account.heading);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator("h1").count()).toBe(1);
    // Focus moved to the new page's content, as after a page load.
    expect(await page.evaluate("document.activeElement?.id")).toBe("main-content");
    expect(await page.title()).toBe(`${account.heading} – Green Tape`);

    // The header says who is signed in and as what.
    const who = await page.getByTestId("signed-in-user").innerText();
    expect(who).toContain(account.role);
    // The home page shows name, role and team, and what the role does.
    expect(await page.getByTestId("role").innerText()).toBe(account.role);
    const details = await page.locator(".govuk-summary-list", { hasText: "Email" }).innerText();
    expect(details).toMatch(/Name\s+\S+/);
    expect(details).toMatch(/Team\s+\S+/);
    expect(details).toContain(account.email);
    expect((await page.getByTestId("role-summary").innerText()).length).toBeGreaterThan(40);
    // The role's menu.
    const nav = page.getByRole("navigation", { name: "Menu" });
    const toggle = nav.getByRole("button", { name: "Menu" });
    if ((await toggle.count()) > 0) await toggle.click();
    expect(await nav.getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBe("page");

    await expectNoSeriousA11yViolations(page, `${account.email} home`);
    await screenshot(page, `home-${account.email.split("@")[0]}`);
    watcher.assertClean();
  });

  it("shows the error summary for a wrong password", async () => {
    await freshPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill("worker@demo.test");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    // Said as what went wrong, not as if a field had been left empty.
    expect(await summary.getByRole("link").innerText()).toBe("The email address or password is not right. Check both and try again");
    // The summary takes focus so it is announced; the field carries the same message.
    expect(await page.evaluate("document.activeElement?.className")).toContain("govuk-error-summary");
    expect(await page.locator("#password-error").innerText()).toContain("The email address or password is not right");
    expect(await page.title()).toBe("Error: Sign in – Green Tape");
    // Following the summary's link puts the cursor in the field.
    await summary.getByRole("link").click();
    expect(await page.evaluate("document.activeElement?.id")).toBe("password");

    await expectNoSeriousA11yViolations(page, "sign-in with an error");
    await screenshot(page, "sign-in-wrong-password");
    watcher.assertClean();
  });

  it("tells someone whose account was deactivated to contact their administrator", async () => {
    const { token: adminToken } = await login("admin@demo.test");
    const email = `gone-${Date.now().toString(36)}@demo.test`;
    const made = await call<{ id: string; temporaryPassword: string }>("POST", "/api/users", adminToken, { email, name: "Gwen Gone", role: "auditor" });
    await call("PUT", `/api/users/${made.id}`, adminToken, { active: false });

    await freshPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(made.temporaryPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain("Your account has been deactivated. Contact your Green Tape administrator");
    expect(await page.locator("#password-error").count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "sign-in, account deactivated");
    await screenshot(page, "sign-in-account-deactivated");
    watcher.assertClean();
  });

  it("asks for both fields when the form is sent empty", async () => {
    await freshPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const links = page.locator(".govuk-error-summary a");
    await links.first().waitFor();
    expect(await links.allInnerTexts()).toEqual(["Enter your email address", "Enter your password"]);
    watcher.assertClean();
  });

  it("returns to the page asked for after signing in (deep link)", async () => {
    await freshPage();
    await page.goto("/no-such-page?x=1");
    await page.waitForURL("**/sign-in");
    await signIn(page, "worker@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Page not found");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/no-such-page?x=1");
    watcher.assertClean();
  });
});

describe("staying signed in", () => {
  it("keeps the session across a reload, with a loading state instead of the sign-in form, and opens anyway when the answer is slow", async () => {
    await freshPage();
    await signIn(page, "supervisor@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Your team's spending");

    // Hold the quiet refresh for a moment to see what shows while it is pending.
    let releaseRefresh: () => void = () => {};
    const refreshHeld = new Promise<void>((resolve) => (releaseRefresh = resolve));
    await page.route("**/api/auth/refresh", async (route) => {
      await refreshHeld;
      await route.continue();
    });
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.getByRole("status").filter({ hasText: "Checking you are signed in" }).waitFor();
    expect(await page.getByLabel("Email address").count()).toBe(0);
    await screenshot(page, "restoring-session");
    // A weak signal: when the answer is slow, the phone opens as the person it remembers...
    await page.getByTestId("opened-offline").waitFor({ timeout: 10_000 });
    expect(await heading(page).textContent()).toBe("Your team's spending");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain("Supervisor");
    await screenshot(page, "opened-while-session-check-is-slow");
    releaseRefresh();
    // ...until the answer comes and confirms the session.
    await expect.poll(() => page.getByTestId("opened-offline").count()).toBe(0);

    await expect.poll(() => heading(page).textContent()).toBe("Your team's spending");
    expect(new URL(page.url()).pathname).toBe("/");
    watcher.assertClean();
  });

  it("opens a deep link directly when signed in", async () => {
    await freshPage();
    await signIn(page, "admin@demo.test");
    await page.goto("/some/deep/link");
    await expect.poll(() => heading(page).textContent()).toBe("Page not found");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    watcher.assertClean();
  });
});

describe("sign out", () => {
  it("returns to sign-in, clears local data, and stays signed out after a reload", async () => {
    await freshPage();
    await signIn(page, "worker@demo.test");
    await expect.poll(() => heading(page).textContent()).toBe("Your spending");

    // Something a feature would keep on the phone: an IndexedDB database and an API cache.
    await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open("green-tape", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("outbox");
      open.onsuccess = () => { open.result.close(); resolve(undefined); };
      open.onerror = () => reject(open.error);
    })`);
    await page.evaluate(`caches.open("api-data").then((c) => c.put("/api/example", new Response("{}")))`);
    expect(await page.evaluate("indexedDB.databases().then((d) => d.map((x) => x.name))")).toContain("green-tape");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    expect(await page.locator(".govuk-notification-banner--success").innerText()).toContain("You have signed out");
    await screenshot(page, "signed-out");

    expect(await page.evaluate("indexedDB.databases().then((d) => d.map((x) => x.name))")).toEqual([]);
    expect(await page.evaluate("caches.keys()")).not.toContain("api-data");

    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Sign in to Green Tape");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);

    await page.goto("/");
    await page.waitForURL("**/sign-in");
    watcher.assertClean();
  });
});

describe("app shell", () => {
  it("serves a web app manifest and a service worker that leaves /api and /docs alone", async () => {
    await freshPage();
    const manifest = (await (await page.request.get("/manifest.webmanifest")).json()) as {
      name: string;
      icons: { sizes: string }[];
    };
    expect(manifest.name).toBe("Green Tape");
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));

    await page.goto("/sign-in");
    // Wait until the service worker controls the page.
    await page.evaluate("navigator.serviceWorker.ready");
    await page.reload();
    await expect.poll(() => page.evaluate("!!navigator.serviceWorker.controller")).toBe(true);

    // The app shell now comes from the service worker's precache...
    const shell = await page.goto("/a/deep/link");
    expect(shell?.fromServiceWorker()).toBe(true);
    // ...but API calls and the API docs always go to the network.
    const apiResponse = page.waitForResponse("**/api/config");
    await page.reload();
    expect((await apiResponse).fromServiceWorker()).toBe(false);
    watcher.assertClean();
    const docs = await page.goto("/docs");
    expect(docs?.fromServiceWorker()).toBe(false);
  });
});
