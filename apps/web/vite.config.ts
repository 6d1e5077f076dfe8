import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { compression } from "vite-plugin-compression2";
import type { AtRule } from "postcss";

// The API server (apps/api) listens on :3000 and serves the built app itself;
// in development Vite serves the app and forwards the API and its docs there
// (API_PROXY_TARGET points the proxy elsewhere, e.g. a server started on another port).
const apiTarget = process.env.API_PROXY_TARGET ?? "http://localhost:3000";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
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
        // Precache the app shell only; API data never goes through the service worker.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api(?:\/|$)/, /^\/docs(?:\/|$)/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
    // Brotli and gzip copies of every text asset, made once here; the server sends them as they are
    // (@fastify/static preCompressed) to a phone on one bar of signal.
    compression({ algorithms: ["brotliCompress", "gzip"], include: /\.(html|js|mjs|css|svg|json|webmanifest)$/, logLevel: "silent" }),
  ],
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
