// The worklists: a worker's to-do, a supervisor's review queue and a team's month.
import { z } from "zod/mini";
import { FOLLOW_UP_STATES, JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { personSchema, reviewSchema, spendViewSchema } from "./spends.ts";

/** What a spend needs of its worker next. */
export const TODO_NEEDS = ["justify", "answer_query", "follow_up", "add_receipt"] as const;
export type TodoNeed = (typeof TODO_NEEDS)[number];

export const todoItemSchema = z.object({ need: z.enum(TODO_NEEDS), dueOn: z.string(), overdue: z.boolean(), spend: spendViewSchema });

export const reviewQueueItemSchema = z.object({
  spend: spendViewSchema,
  worker: personSchema,
  client: z.object({ id: z.string(), reference: z.string() }),
  justification: z.nullable(z.object({ narrative: z.string(), intendedOutcome: z.string(), revision: z.int(), submittedAt: z.string() })),
  reviews: z.array(reviewSchema),
  clientHistory: z.array(
    z.object({
      spendId: z.string(),
      spentOn: z.string(),
      amount: z.int(),
      currency: z.string(),
      category: z.string(),
      payee: z.string(),
      workerId: z.string(),
      worker: personSchema,
      justificationStatus: z.enum(JUSTIFICATION_STATES),
      followUpStatus: z.enum(FOLLOW_UP_STATES),
      outcome: z.nullable(z.enum(FOLLOW_UP_OUTCOMES)),
      clientView: z.nullable(z.string()),
    }),
  ),
});

/** GET /api/worklists/team-summary */
export const teamSummarySchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  today: z.string(),
  schemes: z.array(
    z.object({
      schemeId: z.string(),
      schemeVersion: z.int(),
      name: z.string(),
      currency: z.string(),
      teamMonthlyBudget: z.nullable(z.int()),
      spent: z.int(),
      remaining: z.nullable(z.int()),
      spendCount: z.int(),
    }),
  ),
  overdue: z.object({ justifications: z.int(), followUps: z.int(), items: z.array(z.extend(todoItemSchema, { worker: personSchema })) }),
  outcomes: z.record(z.enum(FOLLOW_UP_OUTCOMES), z.int()),
});

/** GET /api/worklists/todo */
export const todoSchema = z.object({ today: z.string(), items: z.array(todoItemSchema) });
export type Todo = z.infer<typeof todoSchema>;
export type TodoItem = Todo["items"][number];

/** GET /api/worklists/review-queue */
export const reviewQueueSchema = z.object({ items: z.array(reviewQueueItemSchema), nextCursor: z.nullable(z.string()), waiting: z.int().check(z.describe("How many wait in all, across every page")) });
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

export type TeamSummary = z.infer<typeof teamSummarySchema>;
export type OverdueItem = TeamSummary["overdue"]["items"][number];
export type ReviewQueueItem = ReviewQueue["items"][number];
export type EarlierSpend = ReviewQueueItem["clientHistory"][number];
