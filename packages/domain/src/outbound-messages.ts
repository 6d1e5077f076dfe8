/**
 * What Green Tape says outside the app (email and push), and to whom it may say it. A message is
 * composed only from what may leave the app: an amount, a date, a count, a colleague's name. The
 * facts a message is made from have no field for a narrative, a client, a payee or a reason, so no
 * such detail can reach an inbox or a lock screen (reasons and the rest wait behind the link).
 */
import { dayInWords } from "./dates-in-words.ts";
import { formatMoney } from "./money.ts";

export const MESSAGE_KINDS = [
  "justification_due",
  "justification_overdue",
  "pause_tomorrow",
  "pause_began",
  "pause_ended",
  "supervisor_question",
  "supervisor_concern",
  "follow_up_due",
  "restriction_set",
  "restriction_lifted",
  "daily_digest",
  "concern_raised",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What is said when a worker's spending is paused and when it may start again: sent as a pair. */
export const PAUSE_MESSAGES = ["pause_began", "pause_ended"] as const satisfies readonly MessageKind[];

/** Due-date warnings: a person may choose how they hear them, never not to. */
export const DUE_DATE_WARNINGS: readonly MessageKind[] = ["justification_due", "justification_overdue", "pause_tomorrow", "follow_up_due"];

export const CHANNEL_CHOICES = ["email", "push", "both", "none"] as const;
export type ChannelChoice = (typeof CHANNEL_CHOICES)[number];

/** The digest is a morning email; everything else goes both ways until the person says otherwise. */
export function defaultChannel(kind: MessageKind): ChannelChoice {
  return kind === "daily_digest" ? "email" : "both";
}

/** Quiet hours unless the person sets their own: no push from 20:00 to 08:00. */
export const DEFAULT_QUIET_HOURS = { from: 20 * 60, to: 8 * 60 } as const;

export function isAllowedChoice(kind: MessageKind, choice: ChannelChoice): boolean {
  return !(choice === "none" && DUE_DATE_WARNINGS.includes(kind));
}

/** True when `minute` (after local midnight) falls in quiet hours from `from` to `to`, which may run past midnight. */
export function inQuietHours(minute: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/**
 * Which ways a message goes now: the person's choice for its kind, with push held back in quiet
 * hours (email still goes, to be read in the morning).
 */
export function channelsNow(choice: ChannelChoice, quiet: boolean): { email: boolean; push: boolean } {
  return { email: choice === "email" || choice === "both", push: !quiet && (choice === "push" || choice === "both") };
}

/** A spend as a message may name it: its amount and the day it was spent. */
export interface SpendFacts {
  id: string;
  amount: number;
  currency: string;
  spentOn: string;
}

export type MessageFacts =
  | { kind: "justification_due" | "justification_overdue" | "follow_up_due"; spend: SpendFacts; dueOn: string }
  | { kind: "pause_tomorrow"; spend: SpendFacts; pausesOn: string }
  | { kind: "pause_began" | "pause_ended" | "restriction_set" | "restriction_lifted" }
  | { kind: "supervisor_question" | "supervisor_concern" | "concern_raised"; spend: SpendFacts }
  | { kind: "daily_digest"; day: string; waitingForReview: number; overdue: string[]; paused: string[] };

export interface Message {
  kind: MessageKind;
  /** Email subject and push title. */
  subject: string;
  /** Paragraphs of the email; the first is the push's body. */
  paragraphs: string[];
  /** The screen where the person acts, relative to APP_URL. */
  path: string;
  /** The words on the email's link. */
  action: string;
}

const spendWords = (spend: SpendFacts) => `the spend of ${formatMoney(spend.amount, spend.currency)} on ${dayInWords(spend.spentOn)}`;
const names = (people: string[]) => (people.length === 0 ? "nobody" : people.join(", "));

/** A message about one spend, acted on from the spend's page unless it names another. */
function aboutSpend(facts: { kind: MessageKind; spend: SpendFacts }, subject: string, paragraphs: string[], where = { path: "", action: "Open the spend" }): Message {
  return { kind: facts.kind, subject, paragraphs, path: `/spends/${facts.spend.id}${where.path}`, action: where.action };
}

/** A message whose details wait in the app. */
function inApp(kind: MessageKind, subject: string, paragraph: string, where = { path: "/", action: "Open Green Tape" }): Message {
  return { kind, subject, paragraphs: [paragraph], ...where };
}

export function composeMessage(facts: MessageFacts): Message {
  switch (facts.kind) {
    case "justification_due":
      return aboutSpend(facts, `Justification due by ${dayInWords(facts.dueOn)}`, [`Your justification for ${spendWords(facts.spend)} is due by the end of ${dayInWords(facts.dueOn)}.`]);
    case "justification_overdue":
      return aboutSpend(facts, "Justification overdue", [
        `Your justification for ${spendWords(facts.spend)} was due by the end of ${dayInWords(facts.dueOn)} and is now overdue.`,
        "Write it soon: if it stays overdue past the grace days, your new spends pause.",
      ]);
    case "follow_up_due":
      return aboutSpend(facts, `Follow-up due by ${dayInWords(facts.dueOn)}`, [`The follow-up for ${spendWords(facts.spend)} is due by the end of ${dayInWords(facts.dueOn)}.`], {
        path: "/follow-up",
        action: "Record the follow-up",
      });
    case "pause_tomorrow":
      return aboutSpend(facts, "Your spending pauses tomorrow", [
        `Your justification for ${spendWords(facts.spend)} is overdue. Unless it is written today, your new spends pause from ${dayInWords(facts.pausesOn)}.`,
      ]);
    case "pause_began":
      return inApp(facts.kind, "Your spending is paused", "Your new spends are paused until you catch up on your overdue justifications. Writing them lifts the pause at once.", {
        path: "/todo",
        action: "See what to do",
      });
    case "pause_ended":
      return inApp(facts.kind, "Your spending is no longer paused", "Your pause has ended: you can log new spends again.");
    case "restriction_set":
      return inApp(facts.kind, "Your spending has been restricted", "A restriction has been put on your spending. What it is and why are in the app.");
    case "restriction_lifted":
      return inApp(facts.kind, "A restriction on your spending was lifted", "A restriction on your spending has been lifted. The details are in the app.");
    case "supervisor_question":
      return aboutSpend(facts, "Your supervisor has a question", [
        `Your supervisor has a question about your justification for ${spendWords(facts.spend)}. Answer it by revising your justification.`,
      ]);
    case "supervisor_concern":
      return aboutSpend(facts, "Your supervisor raised a concern", [`Your supervisor raised a concern about ${spendWords(facts.spend)}. It will go to audit.`]);
    case "concern_raised":
      return {
        kind: facts.kind,
        subject: "A concern was raised about a spend",
        paragraphs: [`A supervisor raised a concern about ${spendWords(facts.spend)}.`],
        path: `/audit/spends/${facts.spend.id}`,
        action: "Open the case",
      };
    case "daily_digest":
      return {
        kind: facts.kind,
        subject: `Your team on ${dayInWords(facts.day)}: ${facts.waitingForReview} to review`,
        paragraphs: [
          `${facts.waitingForReview} justification${facts.waitingForReview === 1 ? "" : "s"} wait${facts.waitingForReview === 1 ? "s" : ""} for your review.`,
          `Overdue: ${names(facts.overdue)}.`,
          `Paused: ${names(facts.paused)}.`,
        ],
        path: "/review",
        action: "Open the review queue",
      };
  }
}

/** The forgotten-password email: always email, whatever the person's preferences. */
export function passwordResetMessage(minutes: number): Omit<Message, "kind" | "path"> {
  return {
    subject: "Reset your Green Tape password",
    paragraphs: [
      "Someone, we hope you, asked to reset the password of your Green Tape account.",
      `The link below sets a new password. It works once, for ${minutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
    ],
    action: "Set a new password",
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text and simple HTML of one email, its link absolute. */
export function renderEmail(message: Omit<Message, "kind" | "path">, url: string): { subject: string; text: string; html: string } {
  const text = [...message.paragraphs, `${message.action}: ${url}`, "Green Tape"].join("\n\n") + "\n";
  const html = [
    "<!doctype html>",
    '<html lang="en"><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5">',
    ...message.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(url)}">${escapeHtml(message.action)}</a></p>`,
    "<p>Green Tape</p>",
    "</body></html>",
  ].join("\n");
  return { subject: message.subject, text, html };
}

const minuteFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight in `timeZone` at `now`, for quiet hours. */
export function minuteOfDayIn(timeZone: string, now: Date): number {
  let formatter = minuteFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });
    minuteFormatters.set(timeZone, formatter);
  }
  const parts = new Map(formatter.formatToParts(now).map((p) => [p.type, Number(p.value)]));
  return (parts.get("hour") ?? 0) * 60 + (parts.get("minute") ?? 0);
}
