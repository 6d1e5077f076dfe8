import type { Role } from "@greentape/domain/roles";

export interface HomeContent {
  /** The page's h1: distinct for each role. */
  heading: string;
  /** What this role does in Green Tape, in plain English (from the design's roles table). */
  summary: string;
  /** What comes next for this role, one short line each. */
  jobs: readonly string[];
}

export const HOME_CONTENT: Record<Role, HomeContent> = {
  worker: {
    heading: "Your spending",
    summary:
      "You can spend small sums for the people you support without asking first. Afterwards you explain, in your own words, why it was a good idea.",
    jobs: [
      "Log a spend in under 30 seconds, even with no signal",
      "See how much you can still spend",
      "Write your justification and record how the client got on",
      "Answer your supervisor's questions",
    ],
  },
  supervisor: {
    heading: "Your team's spending",
    summary:
      "You read and respond to your team's justifications, and keep an eye on the team's spending, overdue items and outcomes. You never review your own spends.",
    jobs: [
      "Endorse a justification, ask a question or raise a concern",
      "See what your team has spent and what is overdue",
      "See what difference the spending made for clients",
    ],
  },
  auditor: {
    heading: "Audit and assurance",
    summary:
      "You check a fair sample of spends each month. Anyone can recompute your sample from its seed, and the audit trail shows whether anything was changed.",
    jobs: [
      "Draw a reproducible sample for a month",
      "Review each sampled case with its whole timeline and record findings",
      "Produce the sample report with its statistics",
      "Verify the audit trail",
    ],
  },
  finance: {
    heading: "Monthly finance",
    summary:
      "You see the totals for each month, close a month when it is complete, and publish clean figures. A closed month gives the same export every time.",
    jobs: [
      "See each month's totals",
      "Close a month",
      "Download the monthly export (CSV, XLSX or JSON) and the transparency file",
    ],
  },
  admin: {
    heading: "Manage Green Tape",
    summary:
      "You set Green Tape up for your council: the people who use it, their teams, the clients they support and the schemes that say what may be spent.",
    jobs: [
      "Add and change users and teams",
      "Add clients for each team",
      "Set each scheme's caps, deadlines and categories",
    ],
  },
};
