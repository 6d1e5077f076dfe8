// A passkey as the second factor, in Chromium with a virtual authenticator (the DevTools WebAuthn
// domain): registered once signed in, then used after the password at the next sign-in.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, launchBrowser, newPhoneContext, signIn, watchPage } from "./support/browser.ts";
import { call, login } from "./support/api.ts";

// A passkey's relying party is a host name, never an IP address: the page is opened as localhost,
// which is also APP_URL's host when it is left to its default.
const baseUrl = inject("baseUrl").replace("127.0.0.1", "localhost");
const EMAIL = "auditor@demo.test";

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  // Other browser tests sign this account in with its password alone: take the passkey away again.
  const admin = await login("admin@demo.test");
  const users = await call<{ items: { id: string; email: string }[] }>("GET", "/api/users", admin.token);
  const auditor = users.items.find((user) => user.email === EMAIL);
  if (auditor) await call("DELETE", `/api/users/${auditor.id}/second-factor`, admin.token);
});

describe("passkey", () => {
  it("registers a passkey, signs out, and signs in with the password and the passkey", async () => {
    context = await newPhoneContext(browser, baseUrl);
    const page = await context.newPage();
    const watcher = watchPage(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await signIn(page, EMAIL);
    await page.goto("/second-factor");
    await expect.poll(() => heading(page).textContent()).toBe("Second factor");
    await page.getByRole("button", { name: "Register a passkey" }).click();
    await page.getByText("Your passkey is registered").waitFor();
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.rpId).toBe("localhost");
    await expectNoSeriousA11yViolations(page, "second factor with a passkey");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Green Tape" }).waitFor();

    // The password alone no longer signs in: the second step asks for a code or the passkey.
    await page.getByLabel("Email address").fill(EMAIL);
    await page.getByLabel("Password", { exact: true }).fill("demo-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Enter your security code");
    await expectNoSeriousA11yViolations(page, "second step of sign-in");
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await expect.poll(() => heading(page).textContent()).toBe("Audit and assurance");
    const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(0);
    watcher.assertClean();
  });
});
