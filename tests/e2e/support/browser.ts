// Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core, a phone-sized
// context, sign-in, accessibility checks with axe, and screenshots for the CI artifact folder.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const DEMO_PASSWORD = "demo-password-1";
/** The CI artifact folder for screenshots (named in the README). */
export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", "..", "test-results", "screenshots");

/** The phone the worker carries: 390 x 844 CSS pixels. */
export const PHONE = { width: 390, height: 844 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** `options` adds to the phone's, e.g. `storageState` for a phone already signed in. */
export function newPhoneContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...options,
    baseURL,
    viewport: PHONE,
    screen: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
}

/** A desk in the office: a laptop-sized window by default. */
export function newDeskContext(browser: Browser, baseURL: string, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport, locale: "en-GB", timezoneId: "Europe/London" });
}

export interface PhonePage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  watcher: ReturnType<typeof watchPage>;
  close(): Promise<void>;
}

/** Chromium with one watched page on a phone: what most browser test files start from. */
export async function openPhonePage(baseURL: string): Promise<PhonePage> {
  const browser = await launchBrowser();
  const context = await newPhoneContext(browser, baseURL);
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    watcher: watchPage(page),
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/** The page's one level-1 heading. */
export const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/**
 * Collects what must never happen on a page: uncaught errors and Content Security Policy
 * violations (the server's CSP forbids inline scripts). Call `assertClean()` at the end.
 */
export function watchPage(page: Page): { problems: string[]; assertClean(): void } {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`Uncaught error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return {
    problems,
    assertClean() {
      expect(problems, "page errors or CSP violations").toEqual([]);
    },
  };
}

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) {
    await page.goto("/sign-in");
  }
  await page.getByRole("heading", { level: 1, name: "Sign in to Green Tape" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Fails listing every serious or critical axe violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) =>
      `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
      v.nodes.map((n) => `    at ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n"),
  );
  expect(report, `serious or critical accessibility violations on "${name}"`).toEqual([]);
}

/** Saves a full-page PNG under test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
