import { count } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";
import { appendEvent } from "./event-log.ts";
import { clients, ledgerCodes, schemeVersions, schemes, teams, users } from "./schema.ts";

export const DEMO_PASSWORD = "demo-password-1";

export interface SeedDeps {
  hashPassword(password: string): Promise<string>;
  now?: Date;
}

type SeedUser = { email: string; name: string; role: (typeof users.$inferInsert)["role"]; team?: "north" | "east"; staffId: string };
type SeedCategory = { category: string; glCode: string; accountName: string; merchantCategory: string };
type SeedTeam = { name: string; costCentre: string; serviceArea: string };
type SeedScheme = Omit<typeof schemeVersions.$inferInsert, "schemeId" | "version" | "categories" | "createdBy" | "createdAt">;

/**
 * A council to start from: two teams (north and east), their people, one scheme over the ledger's
 * categories, and some clients. The demo is one; tests describe their own, so the demo can change
 * with what `npm start` should show without moving what the tests stand on.
 */
export interface CouncilSeed {
  /** Named in the events the seed writes, so the log says where these rows came from. */
  source: string;
  password: string;
  teams: { north: SeedTeam; east: SeedTeam };
  users: SeedUser[];
  categories: SeedCategory[];
  scheme: SeedScheme;
  clients: { north: string[]; east: string[] };
}

const DEMO_USERS: SeedUser[] = [
  { email: "worker@demo.test", name: "Wren Walker", role: "worker", team: "north", staffId: "S1001" },
  { email: "worker2@demo.test", name: "Priya Shah", role: "worker", team: "north", staffId: "S1002" },
  { email: "worker3@demo.test", name: "Tom Okafor", role: "worker", team: "east", staffId: "S2001" },
  { email: "supervisor@demo.test", name: "Sam Reid", role: "supervisor", team: "north", staffId: "S1900" },
  { email: "supervisor2@demo.test", name: "Ada Mensah", role: "supervisor", team: "east", staffId: "S2900" },
  { email: "auditor@demo.test", name: "Alex Morgan", role: "auditor", staffId: "A0001" },
  { email: "finance@demo.test", name: "Fran Ellis", role: "finance", staffId: "F0001" },
  { email: "admin@demo.test", name: "Dev Patel", role: "admin", staffId: "X0001" },
];

/** The demo's chart of accounts, and what a card payment in each category is published as. */
const DEMO_CATEGORIES: SeedCategory[] = [
  { category: "Travel", glCode: "4410", accountName: "Client travel", merchantCategory: "Transportation services" },
  { category: "Food and essentials", glCode: "4420", accountName: "Client subsistence", merchantCategory: "Grocery stores and supermarkets" },
  { category: "Clothing", glCode: "4430", accountName: "Client clothing", merchantCategory: "Clothing stores" },
  { category: "Household", glCode: "4440", accountName: "Household goods for clients", merchantCategory: "Home furnishing and household goods stores" },
  { category: "Activities", glCode: "4450", accountName: "Client activities", merchantCategory: "Recreation services" },
  { category: "Phone and internet", glCode: "4460", accountName: "Client communications", merchantCategory: "Telecommunication services" },
];

const DEMO_COUNCIL: CouncilSeed = {
  source: "demo-seed",
  password: DEMO_PASSWORD,
  teams: {
    north: { name: "Children's Services North", costCentre: "CC-4100", serviceArea: "Children's Social Care" },
    east: { name: "Adult Services East", costCentre: "CC-5200", serviceArea: "Adult Social Care" },
  },
  users: DEMO_USERS,
  categories: DEMO_CATEGORIES,
  scheme: {
    name: "Everyday help",
    currency: "GBP",
    perSpendCap: 7_500,
    perClientCap: 20_000,
    perClientWindowDays: 30,
    perWorkerMonthlyCap: 60_000,
    teamMonthlyBudget: 300_000,
    justificationDueDays: 7,
    followUpDueDays: 28,
    graceDays: 7,
  },
  clients: { north: ["C-10234", "C-10311", "C-10457", "C-10502"], east: ["C-20117", "C-20240", "C-20388"] },
};

async function isEmpty(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo council into an empty database; does nothing if any user exists. Returns whether it seeded. */
export function seedDemo(db: Db, deps: SeedDeps): Promise<boolean> {
  return seedCouncil(db, DEMO_COUNCIL, deps);
}

/** Seeds a council into an empty database; does nothing if any user exists. Returns whether it seeded. */
export async function seedCouncil(db: Db, council: CouncilSeed, deps: SeedDeps): Promise<boolean> {
  const hash = await deps.hashPassword(council.password);
  const now = deps.now ?? new Date();
  return db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return false;
    const [north, east] = await tx.insert(teams).values([council.teams.north, council.teams.east]).returning();
    if (!north || !east) throw new Error("the seed's teams were not created");
    const teamIds = { north: north.id, east: east.id };
    const created = await tx
      .insert(users)
      .values(council.users.map((u) => ({ email: u.email, name: u.name, role: u.role, staffId: u.staffId, teamId: u.team ? teamIds[u.team] : null, passwordHash: hash })))
      .returning();
    const admin = created.find((u) => u.role === "admin");
    const [scheme] = await tx.insert(schemes).values({ currentVersion: 1 }).returning();
    if (!scheme) throw new Error("the seed's scheme was not created");
    await tx.insert(schemeVersions).values({
      ...council.scheme,
      schemeId: scheme.id,
      version: 1,
      categories: council.categories.map((c) => c.category),
      createdBy: admin?.id ?? null,
      createdAt: now,
    });
    await tx.insert(ledgerCodes).values(council.categories.map((code) => ({ ...code, updatedAt: now })));
    await tx.insert(clients).values([
      ...council.clients.north.map((reference) => ({ reference, teamId: north.id, createdAt: now })),
      ...council.clients.east.map((reference) => ({ reference, teamId: east.id, createdAt: now })),
    ]);
    const source = council.source;
    await appendEvent(tx, { type: "scheme.created", actorId: null, subjectType: "scheme", subjectId: scheme.id, data: { source, version: 1 } }, now);
    for (const user of created) {
      await appendEvent(
        tx,
        { type: "user.created", actorId: null, subjectType: "user", subjectId: user.id, data: { after: { email: user.email, name: user.name, role: user.role, teamId: user.teamId }, source } },
        now,
      );
    }
    return true;
  });
}
