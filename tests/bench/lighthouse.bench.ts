/**
 * Lighthouse's mobile profile (simulated 150 ms round trip, 1.6 Mbps, a slowed CPU) on the
 * sign-in page, and on log-a-spend for a worker already signed in, as a phone on one bar of
 * signal meets them (issue 18: target 90 or more). Beside them, an empty page served by the same
 * server in the same run: what this machine, loaded as it is, scores at best.
 * Needs the built web app (npm run bench builds it) and Debian's Chromium.
 * BENCH_LIGHTHOUSE_RUNS=n measures each page n times and prints the medians (a shared machine's
 * scores move by several points run to run); BENCH_LIGHTHOUSE_JSON=dir keeps every report, to read
 * Lighthouse's own diagnostics (the LCP element, request chains, main-thread work).
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
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
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1);
const REPORT_DIR = process.env.BENCH_LIGHTHOUSE_JSON;

interface PageScore {
  performance: number;
  lcpMs: number;
  tbtMs: number;
}

async function audit(url: string, port: number, keepSignIn: boolean, reportName: string): Promise<PageScore> {
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
  if (REPORT_DIR) await writeFile(join(REPORT_DIR, `${reportName}.json`), JSON.stringify(lhr));
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
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
    if (REPORT_DIR) await mkdir(REPORT_DIR, { recursive: true });

    const scores = { baseline: [] as PageScore[], signIn: [] as PageScore[], logSpend: [] as PageScore[] };
    const loads: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      scores.baseline.push(await audit(`${base}${BASELINE_PAGE}`, debuggingPort, false, `baseline-${run}`));
      // Nobody signed in, nobody remembered: the refresh cookie and Web Storage outlive Lighthouse's
      // storage reset, and with them /sign-in would send the phone home, or ask for a refresh first.
      await (await browser.newCDPSession(page)).send("Storage.clearDataForOrigin", { origin: base, storageTypes: "all" });
      await browser.clearCookies();
      scores.signIn.push(await audit(`${base}/sign-in`, debuggingPort, false, `sign-in-${run}`));

      // Signed in as a worker in this browser's profile (the refresh cookie and who the phone remembers).
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("Email address").fill("worker@demo.test");
      await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("button", { name: "Sign out" }).waitFor();
      await page.goto("about:blank");
      await clearCache();
      scores.logSpend.push(await audit(`${base}/spends/new`, debuggingPort, true, `log-spend-${run}`));
      loads.push(loadavg()[0] ?? Number.NaN);
    }

    const [load1, load5] = loadavg();
    const figures: Record<string, number | string> = { "load average (1, 5 min)": `${load1?.toFixed(2)}, ${load5?.toFixed(2)}` };
    if (RUNS > 1) figures["runs; 1-min load after each"] = `${RUNS}; ${loads.map((load) => load.toFixed(2)).join(", ")}`;
    const of = RUNS > 1 ? ` (median of ${RUNS})` : "";
    for (const [name, runs] of [["empty page (baseline)", scores.baseline], ["sign-in", scores.signIn], ["log-a-spend, signed in", scores.logSpend]] as const) {
      const performances = runs.map((score) => score.performance);
      figures[`${name}: performance (target >= 90)${of}`] = RUNS > 1 ? `${median(performances)} (${Math.min(...performances)}-${Math.max(...performances)})` : median(performances);
      figures[`${name}: LCP, ms${of}`] = Math.round(median(runs.map((score) => score.lcpMs)));
      figures[`${name}: TBT, ms${of}`] = Math.round(median(runs.map((score) => score.tbtMs)));
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
