import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", ".data/**", "test-results/**", "migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // Config is parsed once (apps/api/src/config.ts); everything else receives it.
    files: ["apps/api/src/**/*.ts", "packages/**/*.ts"],
    ignores: ["apps/api/src/config.ts", "apps/api/src/cli/**", "packages/db/src/cli/**", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through apps/api/src/config.ts." }],
    },
  },
  {
    // Pure, and packages/log runs in the browser too: no Node built-ins, no framework, no database.
    files: ["packages/domain/**/*.ts", "packages/log/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fastify*", "drizzle-orm*", "pg", "react*"] }],
    },
  },
  {
    // Each API module has a front door: another module, a plugin or a command-line tool uses only
    // what its index.ts exports, so the rest of the module can change without looking outside it.
    // app.ts is the composition root, which wires every module's routes and services.
    files: ["apps/api/src/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)", message: "Import another module through its index.ts." }] }],
    },
  },
  {
    files: ["apps/api/src/{plugins,cli,lib}/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./modules/[^/]+/(?!index\\.ts$)", message: "Import a module through its index.ts." }] }],
    },
  },
  {
    // A web feature uses another feature only through its front door (index.ts), as API modules do;
    // what no feature owns lives in components/ or lib/.
    files: ["apps/web/src/features/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)", message: "Import another feature through its index.ts, or move what features share to components/ or lib/." }] }],
    },
  },
  {
    files: ["apps/web/src/{components,lib}/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./features/", message: "components/ and lib/ serve the features, never the other way round." }] }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
