import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { compression } from "vite-plugin-compression2";
import type { AtRule } from "postcss";
import type { Plugin, Rolldown } from "vite";

// The API server (apps/api) listens on :3000 and serves the built app itself;
// in development Vite serves the app and forwards the API and its docs there
// (API_PROXY_TARGET points the proxy elsewhere, e.g. a server started on another port).
const apiTarget = process.env.API_PROXY_TARGET ?? "http://localhost:3000";

/** Feature folders whose pages a worker uses; every other feature folder is an office area. */
const WORKER_FEATURES = /\/src\/features\/(home|sign-in|change-password|log-spend|my-spends|spend-detail|justify|follow-up|todo|notifications)\//;

/**
 * Notes which bundles the worker's pages need: from the entry, everything imported, and every page
 * loaded later except the office areas' (a page under src/features/ outside WORKER_FEATURES). The
 * service worker precaches those, so a worker's phone does not download the audit, finance and
 * admin screens it never opens.
 */
function workerBundles(): { plugin: Plugin; needs(url: string): boolean } {
  const needed = new Set<string>();
  const plugin: Plugin = {
    name: "green-tape-worker-bundles",
    apply: "build",
    generateBundle(_options, bundle) {
      needed.clear();
      const isOfficePage = (file: string) => {
        const chunk = bundle[file];
        const page = chunk?.type === "chunk" ? chunk.facadeModuleId : null;
        return page !== null && page !== undefined && page.includes("/src/features/") && !WORKER_FEATURES.test(page);
      };
      const visit = (file: string) => {
        const chunk = bundle[file];
        if (needed.has(file) || chunk?.type !== "chunk") return;
        needed.add(file);
        chunk.imports.forEach(visit);
        chunk.dynamicImports.filter((loaded) => !isOfficePage(loaded)).forEach(visit);
      };
      for (const [file, output] of Object.entries(bundle)) if (output.type === "chunk" && output.isEntry) visit(file);
    },
  };
  return { plugin, needs: (url) => !/^assets\/.*\.js$/.test(url) || needed.has(url) };
}
const worker = workerBundles();

/** The pages (and other lazily loaded code) that load a module, found by walking up its importers. */
function loadedBy(id: string, ctx: Rolldown.ChunkingContext, seen = new Set<string>()): Set<string> {
  const roots = new Set<string>();
  if (seen.has(id)) return roots;
  seen.add(id);
  const info = ctx.getModuleInfo(id);
  if (!info) return roots;
  if (info.isEntry || info.dynamicImporters.length > 0) roots.add(id);
  for (const importer of info.importers) for (const root of loadedBy(importer, ctx, seen)) roots.add(root);
  return roots;
}

/** The two screens a phone opens first, each loaded when first visited (issue 18). */
const FIRST_SCREENS = { "sign-in": /\/src\/features\/sign-in\/sign-in-page\.tsx$/, "log-spend": /\/src\/features\/log-spend\/log-spend-page\.tsx$/ };

/**
 * Sign-in and log-a-spend, the pages a worker opens first and most, each come in one file with
 * everything they need beyond the app: log-a-spend came in 15 files of 1-2 kB each, and on a phone's
 * HTTP/1.1 connections (six at most) each costs a round trip. The app is what index.html loads,
 * and what both screens need. Another page that shares a piece of one loads that file too.
 */
function bundleOf(id: string, ctx: Rolldown.ChunkingContext): string | null {
  const roots = [...loadedBy(id, ctx)];
  if (roots.some((root) => ctx.getModuleInfo(root)?.isEntry)) return "app";
  const screens = Object.entries(FIRST_SCREENS).filter(([, page]) => roots.some((root) => page.test(root)));
  if (screens.length > 1) return "app";
  return screens[0]?.[0] ?? null;
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    worker.plugin,
    VitePWA({
      strategies: "generateSW",
      // The page registers the worker from app code (src/app/service-worker.ts):
      // the server's CSP forbids inline scripts.
      injectRegister: null,
      registerType: "prompt",
      manifest: {
        name: "Green Tape",
        short_name: "Green Tape",
        description: "Spend small sums for the people you support, then explain afterwards.",
        lang: "en-GB",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: "#0b5c3e",
        background_color: "#ffffff",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // Precache the app shell and the worker's pages only; API data never goes through the service worker.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        manifestTransforms: [async (entries) => ({ manifest: entries.filter((entry) => worker.needs(entry.url)), warnings: [] })],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api(?:\/|$)/, /^\/docs(?:\/|$)/],
        runtimeCaching: [],
        // Shows reminders pushed by the server and opens their screen on a tap (public/push-handler.js).
        importScripts: ["/push-handler.js"],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
    // Brotli and gzip copies of every text asset, made once here; the server sends them as they are
    // (@fastify/static preCompressed) to a phone on one bar of signal.
    compression({ algorithms: ["brotliCompress", "gzip"], include: /\.(html|js|mjs|css|svg|json|webmanifest)$/, logLevel: "silent" }),
  ],
  resolve: {
    // wouter reaches React's useSyncExternalStore through the shim for React 17 and older; React 19
    // has its own, and the shim was 0.3 kB of a phone's first load, gzipped.
    alias: { "use-sync-external-store/shim/index.js": "react" },
  },
  css: {
    postcss: {
      plugins: [
        {
          // govuk-frontend still ships an IE 9-11 hack, `@media screen and (min-width: 0\0)`
          // (Sass writes the \0 as U+FFFD), which Lightning CSS, Vite's minifier, rejects.
          // No browser we support needs it.
          postcssPlugin: "drop-ie-media-hacks",
          AtRule: {
            media(rule: AtRule) {
              if (rule.params.includes("\\0") || rule.params.includes("\uFFFD")) rule.remove();
            },
          },
        },
      ],
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // The app names, for each page it may load, the files to fetch alongside it; an office page's
    // list (some 80 files in all) went to every phone in the first load, 2.5 kB of it gzipped
    // (issue 18). Office pages, opened on a desk, fetch what they import once they arrive instead.
    modulePreload: { resolveDependencies: (file, deps) => (worker.needs(file) ? deps : []) },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: bundleOf },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/docs": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/docs": { target: apiTarget, changeOrigin: false },
    },
  },
});
