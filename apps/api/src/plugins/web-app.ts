import { existsSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";
import { sendProblem } from "./problems.ts";

/**
 * Serves the built web app and falls back to index.html for deep links. Paths under /api and /docs
 * never fall back: an unknown API path is a problem+json 404.
 */
export const webAppPlugin = fp(async (app: FastifyInstance, options: { distDir: string }) => {
  const hasWebApp = existsSync(path.join(options.distDir, "index.html"));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: options.distDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each file (vite.config.ts): sent as they are, no CPU per request.
      preCompressed: true,
      setHeaders(res, filePath) {
        // Hashed bundles never change; everything else (index.html, sw.js, manifest) must revalidate.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  } else {
    app.log.warn({ distDir: options.distDir }, "web app not built; serving the API only (run npm run build:web)");
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split("?")[0] ?? "/";
    // A missing file (a stale hashed bundle after a deploy) must be a 404, not index.html served as a script.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(url) || url.startsWith("/assets/");
    const isPage = (request.method === "GET" || request.method === "HEAD") && !looksLikeFile && !url.startsWith("/api") && !url.startsWith("/docs");
    if (hasWebApp && isPage) {
      return reply.header("Cache-Control", "no-cache").sendFile("index.html");
    }
    return sendProblem(reply, { type: "/problems/not-found", title: "Not found", status: 404, detail: `${request.method} ${url} does not exist.` });
  });
});
