/**
 * Bundles the API server (apps/api/src/server.ts with the workspace packages it imports) into one
 * ES module, apps/api/dist/server.mjs, so production runs plain JavaScript: no TypeScript compiler
 * in the process (tsx costs ~60 MB of resident memory) and no per-file transform at start-up.
 * Packages from node_modules stay external and are loaded from there as usual.
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const apiRoot = fileURLToPath(new URL("..", import.meta.url));
const outfile = path.join(apiRoot, "dist", "server.mjs");

/**
 * Modules find files beside them with `new URL(relative, import.meta.url)` (the migrations folder,
 * the built web app). In a bundle every module shares the bundle's URL, so each module's
 * `import.meta.url` becomes its own source file's URL, relative to wherever the bundle is.
 */
const keepOwnImportMetaUrl = {
  name: "keep-own-import-meta-url",
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
      const source = await readFile(file, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const relative = path.relative(path.dirname(outfile), file).split(path.sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

/** Only the workspace's own TypeScript is bundled; everything from node_modules is imported at run time. */
const externalPackages = {
  name: "external-packages",
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => (specifier.startsWith("@greentape/") ? undefined : { external: true }));
  },
};

await build({
  entryPoints: [path.join(apiRoot, "src", "server.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [externalPackages, keepOwnImportMetaUrl],
});
console.log(`built ${path.relative(process.cwd(), outfile)}`);
