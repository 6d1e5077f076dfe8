// Runs the browser tests (vitest project "e2e") if Chromium is installed.
// Without it: a clear skip on a developer's machine, a failure in CI (CI=true).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (!existsSync(chromiumPath)) {
  if (process.env.CI === "true") {
    console.error(
      `Browser tests FAILED: Chromium not found at ${chromiumPath}. ` +
        "CI must run them: install it with `apt-get install -y chromium`, or set CHROMIUM_PATH.",
    );
    process.exit(1);
  }
  console.log(
    `Browser tests SKIPPED: Chromium not found at ${chromiumPath} (install with: apt-get install -y chromium)`,
  );
  process.exit(0);
}

const child = spawn("npx", ["vitest", "run", "--project", "e2e", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromiumPath },
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("exit", (code, signal) => {
  if (signal) {
    console.error(`Browser tests stopped by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
