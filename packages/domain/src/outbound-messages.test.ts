import { describe, expect, it } from "vitest";
import {
  MESSAGE_KINDS,
  channelsNow,
  composeMessage,
  defaultChannel,
  inQuietHours,
  isAllowedChoice,
  minuteOfDayIn,
  passwordResetMessage,
  renderEmail,
} from "./outbound-messages.ts";
import type { MessageFacts, SpendFacts } from "./outbound-messages.ts";

const spend: SpendFacts = { id: "spend-1", amount: 1250, currency: "GBP", spentOn: "2026-03-09" };

describe("composeMessage", () => {
  it("names a spend by its amount and day, and links to it", () => {
    const message = composeMessage({ kind: "supervisor_question", spend });
    expect(message).toEqual({
      kind: "supervisor_question",
      subject: "Your supervisor has a question",
      paragraphs: ["Your supervisor has a question about your justification for the spend of £12.50 on 9 March 2026. Answer it by revising your justification."],
      path: "/spends/spend-1",
      action: "Open the spend",
    });
  });

  it("tells the worker a concern goes to audit, and the auditor where the case is", () => {
    expect(composeMessage({ kind: "supervisor_concern", spend })).toEqual({
      kind: "supervisor_concern",
      subject: "Your supervisor raised a concern",
      paragraphs: ["Your supervisor raised a concern about the spend of £12.50 on 9 March 2026. It will go to audit."],
      path: "/spends/spend-1",
      action: "Open the spend",
    });
    expect(composeMessage({ kind: "concern_raised", spend })).toMatchObject({ path: "/audit/spends/spend-1", action: "Open the case" });
  });

  it("gives the due day, and sends a follow-up to the follow-up form", () => {
    expect(composeMessage({ kind: "justification_due", spend, dueOn: "2026-03-16" })).toMatchObject({
      subject: "Justification due by 16 March 2026",
      path: "/spends/spend-1",
    });
    expect(composeMessage({ kind: "justification_overdue", spend, dueOn: "2026-03-16" }).paragraphs).toHaveLength(2);
    expect(composeMessage({ kind: "follow_up_due", spend, dueOn: "2026-03-16" })).toMatchObject({
      subject: "Follow-up due by 16 March 2026",
      path: "/spends/spend-1/follow-up",
      action: "Record the follow-up",
    });
    expect(composeMessage({ kind: "pause_tomorrow", spend, pausesOn: "2026-03-17" }).paragraphs[0]).toContain("from 17 March 2026");
  });

  it("keeps pauses and restrictions to the fact, the details behind the link", () => {
    expect(composeMessage({ kind: "pause_began" })).toMatchObject({ path: "/todo", action: "See what to do" });
    for (const kind of ["pause_ended", "restriction_set", "restriction_lifted"] as const) {
      expect(composeMessage({ kind })).toMatchObject({ kind, path: "/", action: "Open Green Tape" });
    }
  });

  it("counts the digest in words, and says nobody when no one is late", () => {
    const one = composeMessage({ kind: "daily_digest", day: "2026-03-09", waitingForReview: 1, overdue: [], paused: ["Sam"] });
    expect(one.subject).toBe("Your team on 9 March 2026: 1 to review");
    expect(one.paragraphs).toEqual(["1 justification waits for your review.", "Overdue: nobody.", "Paused: Sam."]);
    const two = composeMessage({ kind: "daily_digest", day: "2026-03-09", waitingForReview: 2, overdue: ["Ana", "Bo"], paused: [] });
    expect(two.paragraphs[0]).toBe("2 justifications wait for your review.");
    expect(two.paragraphs[1]).toBe("Overdue: Ana, Bo.");
  });

  it("composes every kind, each with somewhere to act", () => {
    const facts: Record<(typeof MESSAGE_KINDS)[number], MessageFacts> = {
      justification_due: { kind: "justification_due", spend, dueOn: "2026-03-16" },
      justification_overdue: { kind: "justification_overdue", spend, dueOn: "2026-03-16" },
      pause_tomorrow: { kind: "pause_tomorrow", spend, pausesOn: "2026-03-17" },
      pause_began: { kind: "pause_began" },
      pause_ended: { kind: "pause_ended" },
      supervisor_question: { kind: "supervisor_question", spend },
      supervisor_concern: { kind: "supervisor_concern", spend },
      follow_up_due: { kind: "follow_up_due", spend, dueOn: "2026-03-16" },
      restriction_set: { kind: "restriction_set" },
      restriction_lifted: { kind: "restriction_lifted" },
      daily_digest: { kind: "daily_digest", day: "2026-03-09", waitingForReview: 0, overdue: [], paused: [] },
      concern_raised: { kind: "concern_raised", spend },
    };
    for (const kind of MESSAGE_KINDS) {
      const message = composeMessage(facts[kind]);
      expect(message.kind).toBe(kind);
      expect(message.subject).not.toBe("");
      expect(message.paragraphs.length).toBeGreaterThan(0);
      expect(message.path.startsWith("/")).toBe(true);
      expect(message.action).not.toBe("");
    }
  });
});

describe("choices and quiet hours", () => {
  it("lets a person silence anything but a due-date warning", () => {
    expect(isAllowedChoice("daily_digest", "none")).toBe(true);
    expect(isAllowedChoice("justification_due", "none")).toBe(false);
    expect(isAllowedChoice("justification_due", "push")).toBe(true);
    expect(defaultChannel("daily_digest")).toBe("email");
    expect(defaultChannel("pause_began")).toBe("both");
  });

  it("reads quiet hours that run past midnight, and none when they start and end together", () => {
    expect(inQuietHours(21 * 60, 20 * 60, 8 * 60)).toBe(true);
    expect(inQuietHours(7 * 60 + 59, 20 * 60, 8 * 60)).toBe(true);
    expect(inQuietHours(8 * 60, 20 * 60, 8 * 60)).toBe(false);
    expect(inQuietHours(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(inQuietHours(14 * 60, 12 * 60, 14 * 60)).toBe(false);
    expect(inQuietHours(3 * 60, 9 * 60, 9 * 60)).toBe(false);
  });

  it("holds push back in quiet hours and still sends the email", () => {
    expect(channelsNow("both", true)).toEqual({ email: true, push: false });
    expect(channelsNow("both", false)).toEqual({ email: true, push: true });
    expect(channelsNow("push", false)).toEqual({ email: false, push: true });
    expect(channelsNow("none", false)).toEqual({ email: false, push: false });
  });

  it("takes the minute of the day in the council's time zone", () => {
    expect(minuteOfDayIn("Europe/London", new Date("2026-07-01T12:30:00Z"))).toBe(13 * 60 + 30);
    expect(minuteOfDayIn("UTC", new Date("2026-01-01T00:05:00Z"))).toBe(5);
  });
});

describe("renderEmail", () => {
  it("writes text and escaped HTML with the absolute link", () => {
    const email = renderEmail({ subject: "S", paragraphs: ["Fish & <chips>"], action: "Go" }, "https://example.org/a?b=1&c=2");
    expect(email.subject).toBe("S");
    expect(email.text).toBe("Fish & <chips>\n\nGo: https://example.org/a?b=1&c=2\n\nGreen Tape\n");
    expect(email.html).toContain("<p>Fish &#38; &#60;chips&#62;</p>");
    expect(email.html).toContain('<a href="https://example.org/a?b=1&#38;c=2">Go</a>');
  });

  it("says how long a reset link lasts", () => {
    expect(passwordResetMessage(30).paragraphs[1]).toContain("for 30 minutes");
  });
});
