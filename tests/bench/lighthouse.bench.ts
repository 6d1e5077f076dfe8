/**
 * Lighthouse's mobile profile (simulated 150 ms round trip, 1.6 Mbps, a slowed CPU) on the
 * sign-in page, and on log-a-spend for a worker already signed in, as a phone on one bar of
 * signal meets them (issue 18: target 90 or more). Beside them, an empty page served by the same
 * server in the same run: what this machine, loaded as it is, scores at best.
 * Needs the built web app (npm run bench builds it) and Debian's Chromium.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { freePort, startServer, stopServer } from "../support/server-process.ts";
import { printResult, type BenchResult } from "./bench-support.ts";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const WEB_DIST = join(import.meta.dirname, "..", "..", "apps", "web", "dist");
const DEMO_PASSWORD = "demo-password-1";
const BASELINE_PAGE = "/baseline.html";

interface PageScore {
  performance: number;
  lcpMs: number;
  tbtMs: number;
}

async function audit(url: string, port: number, keepSignIn: boolean): Promise<PageScore> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    // Lighthouse would otherwise clear the site's storage, and with it who is signed in; the
    // browser's cache is cleared before each run by clearCache instead, so every run is a first visit.
    disableStorageReset: keepSignIn,
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  // A signed-out phone is sent to /sign-in: that would score the wrong page.
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`Lighthouse asked for ${url} but measured ${lhr.finalDisplayedUrl}`);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
  };
}

export async function benchLighthouse(): Promise<BenchResult> {
  // The built app plus one empty page, served together from a copy so the build stays as it is.
  const web = await mkdtemp(join(tmpdir(), "gt-lighthouse-web-"));
  const dataDir = await mkdtemp(join(tmpdir(), "gt-lighthouse-data-"));
  const profile = await mkdtemp(join(tmpdir(), "gt-lighthouse-profile-"));
  await cp(WEB_DIST, web, { recursive: true });
  await writeFile(join(web, BASELINE_PAGE), '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Baseline</title></head><body><h1>Baseline</h1></body></html>\n');

  const { child, base } = await startServer(null, { DATA_DIR: dataDir, SEED_DEMO: "true", WEB_DIST: web, LOGIN_LIMIT_PER_ACCOUNT: "1000", LOGIN_LIMIT_PER_IP: "1000" });
  const debuggingPort = await freePort();
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No service worker: each page is measured as a first visit, not from a warmed precache.
    serviceWorkers: "block",
    args: ["--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--remote-debugging-port=${debuggingPort}`],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const clearCache = async () => (await browser.newCDPSession(page)).send("Network.clearBrowserCache");

    const baseline = await audit(`${base}${BASELINE_PAGE}`, debuggingPort, false);
    const signIn = await audit(`${base}/sign-in`, debuggingPort, false);

    // Signed in as a worker in this browser's profile (the refresh cookie and who the phone remembers).
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email address").fill("worker@demo.test");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.goto("about:blank");
    await clearCache();
    const logSpend = await audit(`${base}/spends/new`, debuggingPort, true);

    const [load1, load5] = loadavg();
    const figures: Record<string, number | string> = { "load average (1, 5 min)": `${load1?.toFixed(2)}, ${load5?.toFixed(2)}` };
    for (const [name, score] of [["empty page (baseline)", baseline], ["sign-in", signIn], ["log-a-spend, signed in", logSpend]] as const) {
      figures[`${name}: performance (target >= 90)`] = score.performance;
      figures[`${name}: LCP, ms`] = Math.round(score.lcpMs);
      figures[`${name}: TBT, ms`] = Math.round(score.tbtMs);
    }
    return { name: "Lighthouse 12.2.3, mobile profile, Debian's Chromium: sign-in and log-a-spend beside an empty page", figures };
  } finally {
    await browser.close();
    await stopServer(child);
    await Promise.all([web, dataDir, profile].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printResult(await benchLighthouse());
  process.exit(0);
}
