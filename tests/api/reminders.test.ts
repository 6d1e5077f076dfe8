import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, rows, spendBody } from "../support/factories.ts";
import { startMailServer, type MailServer } from "../support/mail-server.ts";
import { startPushService, type PushService } from "../support/push-service.ts";
import { TEST_ACCOUNTS, TestClock, startTestApp, type TestApp } from "../support/test-app.ts";

const APP_URL = "https://spend.example.test";
const HOUR = 3_600_000;
const NARRATIVE = "PLANTED-NARRATIVE bought a coat for the winter";
const PAYEE = "Planted Payee Margaret Oduya";

interface Heard {
  at: string;
  who: string;
  way: "email" | "push";
  title: string;
  body: string;
}

/**
 * Reminders with nobody opening the app: two instances of the app on one database (PostgreSQL when
 * DATABASE_URL is set, else PGlite) both sweep at every hour of a test clock moved through ten
 * days, the mail going to a real SMTP server and the push to a local push service, both in this
 * process. London is on GMT in January, so local time is UTC.
 */
describe("reminders reach people who do not open the app", () => {
  const clock = new TestClock(new Date("2026-01-10T10:00:00Z"));
  let a: TestApp;
  let b: TestApp;
  let mail: MailServer;
  let push: PushService;
  let dataDir: string;
  let clientRef: string;
  let clientName: string;
  const heard: Heard[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [mail, push] = await Promise.all([startMailServer(), startPushService()]);
    dataDir = await mkdtemp(path.join(tmpdir(), "gt-reminders-"));
    a = await startTestApp({ clock, env: { SMTP_URL: mail.url, APP_URL, DATA_DIR: dataDir } });
    b = await a.sibling();
    const ids = await councilIds(a);
    const client = ids.clients.north[2] as string;
    const [row] = await rows<{ reference: string; name: string }>(a, sql`select reference, coalesce(display_name, reference) as name from clients where id = ${client}`);
    clientRef = row?.reference ?? "";
    clientName = row?.name ?? "";
    for (const account of ["worker", "worker2"] as const) {
      const token = await a.tokenFor(account);
      // Each person's phone subscribes through a different instance.
      const device = push.device(account);
      const app = account === "worker" ? a : b;
      expect((await app.http.put("/api/push/subscriptions").set(as(token)).send(device.subscription)).status).toBe(204);
      const spend = await postSpend(app, token, spendBody({ schemeId: ids.schemeId, clientId: client, amount: 2_350, spentOn: "2026-01-09", payee: PAYEE, note: NARRATIVE }));
      expect(spend.status, JSON.stringify(spend.body)).toBe(201);
      expect(spend.body.justificationDueOn).toBe("2026-01-17");
    }
    // Nobody opens the app from here on: the clock moves an hour at a time and both instances sweep.
    clock.set("2026-01-14T12:00:00Z");
    const end = new Date("2026-01-26T12:00:00Z").getTime();
    while (clock.now().getTime() <= end) {
      const mailBefore = mail.received.length;
      const pushBefore = push.received.length;
      await Promise.all([a.app.reminders.sweep(), b.app.reminders.sweep()]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const at = clock.now().toISOString().slice(0, 16);
      for (const m of mail.received.slice(mailBefore)) heard.push({ at, who: m.to.join(","), way: "email", title: m.subject, body: `${m.text}\n${m.html}\n${m.raw}` });
      for (const p of push.received.slice(pushBefore)) heard.push({ at, who: `${p.device}@council.test`, way: "push", title: p.title, body: p.raw });
      clock.advance(HOUR);
    }
    console.log(heard.map((h) => `${h.at} ${h.way.padEnd(5)} ${h.who.padEnd(22)} ${h.title}`).join("\n"));
  }, 600_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await Promise.all([mail?.close(), push?.close()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const to = (who: string, way: "email" | "push") => heard.filter((h) => h.who === who && h.way === way);

  it("a justification coming due: exactly one email and one push per person, from two instances sweeping together", () => {
    for (const who of [TEST_ACCOUNTS.worker, TEST_ACCOUNTS.worker2]) {
      const emails = to(who, "email").filter((h) => h.title === "Justification due by 17 January 2026");
      const pushes = to(who, "push").filter((h) => h.title === "Justification due by 17 January 2026");
      expect(emails.map((h) => h.at)).toEqual(["2026-01-16T00:00"]);
      // Midnight is in quiet hours: the push waits for 08:00.
      expect(pushes.map((h) => h.at)).toEqual(["2026-01-16T08:00"]);
    }
    const push = heard.find((h) => h.way === "push" && h.title.startsWith("Justification due"));
    expect(push?.body).toContain("Your justification for the spend of £23.50 on 9 January 2026 is due by the end of 17 January 2026.");
    expect(push?.body).toMatch(/"path":"\/spends\/[0-9a-f-]{36}"/);
    const email = heard.find((h) => h.way === "email" && h.title.startsWith("Justification due"));
    expect(email?.body).toMatch(new RegExp(`Open the spend: ${APP_URL.replaceAll(".", "\\.")}/spends/[0-9a-f-]{36}`));
  });

  it("over the days nobody opened the app, each reminder went once, in order, by email and by push", () => {
    const expected = ["Justification due by 17 January 2026", "Justification overdue", "Your spending pauses tomorrow", "Your spending is paused"];
    for (const who of [TEST_ACCOUNTS.worker, TEST_ACCOUNTS.worker2]) {
      for (const way of ["email", "push"] as const) {
        expect(to(who, way).map((h) => h.title)).toEqual(expected);
      }
    }
    expect(to(TEST_ACCOUNTS.worker, "email").map((h) => h.at)).toEqual(["2026-01-16T00:00", "2026-01-18T00:00", "2026-01-24T00:00", "2026-01-25T00:00"]);
  });

  it("nothing but email goes out in quiet hours (20:00 to 08:00)", () => {
    const pushes = heard.filter((h) => h.way === "push");
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes) {
      const hour = Number(p.at.slice(11, 13));
      expect(hour >= 8 && hour < 20, `${p.at} ${p.title}`).toBe(true);
    }
    expect(heard.some((h) => h.way === "email" && Number(h.at.slice(11, 13)) < 8)).toBe(true);
  });

  it("the supervisor gets one digest each morning, by email, naming no client", () => {
    const digests = to(TEST_ACCOUNTS.supervisor, "email").filter((h) => h.title.startsWith("Your team on"));
    // The first sweep, at noon on the 14th, finds that day's digest not yet sent; then each day at 08:00.
    expect(digests.map((h) => h.at)).toEqual(["2026-01-14T12:00", ...Array.from({ length: 12 }, (_, i) => `2026-01-${String(15 + i).padStart(2, "0")}T08:00`)]);
    const last = digests.at(-1)?.body ?? "";
    expect(last).toContain("Overdue: Priya Shah, Wren Walker.");
    expect(last).toContain("Paused: Priya Shah, Wren Walker.");
    expect(to(TEST_ACCOUNTS.supervisor, "push")).toEqual([]);
  });

  it("no email or push carries the narrative, the payee, or the client's name or reference", () => {
    expect(heard.length).toBeGreaterThan(20);
    expect(clientRef).not.toBe("");
    for (const h of heard) {
      for (const secret of [NARRATIVE, "PLANTED-NARRATIVE", PAYEE, "Oduya", clientRef, clientName]) {
        expect(h.body, `${h.way} ${h.title}`).not.toContain(secret);
        expect(h.title).not.toContain(secret);
      }
    }
  });
});
