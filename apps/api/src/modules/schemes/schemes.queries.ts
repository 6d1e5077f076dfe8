import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { schemeVersions, schemes } from "@greentape/db/schema";

export type SchemeVersionRow = typeof schemeVersions.$inferSelect;

export async function listCurrentSchemes(db: Executor): Promise<SchemeVersionRow[]> {
  const rows = await db
    .select({ version: schemeVersions })
    .from(schemes)
    .innerJoin(schemeVersions, and(eq(schemeVersions.schemeId, schemes.id), eq(schemeVersions.version, schemes.currentVersion)))
    .orderBy(schemeVersions.name);
  return rows.map((r) => r.version);
}

export async function findSchemeVersion(db: Executor, schemeId: string, version?: number): Promise<SchemeVersionRow | undefined> {
  if (version !== undefined) {
    const [row] = await db.select().from(schemeVersions).where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
    return row;
  }
  const [row] = await db
    .select({ version: schemeVersions })
    .from(schemes)
    .innerJoin(schemeVersions, and(eq(schemeVersions.schemeId, schemes.id), eq(schemeVersions.version, schemes.currentVersion)))
    .where(eq(schemes.id, schemeId));
  return row?.version;
}

/** Locks the scheme so two admins changing it at once make versions N+1 and N+2, not two N+1s. */
export async function lockScheme(db: Executor, schemeId: string) {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, schemeId)).for("update");
  return row;
}

export async function listVersions(db: Executor, schemeId: string): Promise<SchemeVersionRow[]> {
  return db.select().from(schemeVersions).where(eq(schemeVersions.schemeId, schemeId)).orderBy(desc(schemeVersions.version));
}

export async function insertScheme(db: Executor, id: string) {
  await db.insert(schemes).values({ id, currentVersion: 1 });
}

export async function insertVersion(db: Executor, row: typeof schemeVersions.$inferInsert): Promise<SchemeVersionRow> {
  const [created] = await db.insert(schemeVersions).values(row).returning();
  if (!created) throw new Error("scheme version insert returned nothing");
  return created;
}

export async function setCurrentVersion(db: Executor, schemeId: string, version: number) {
  await db.update(schemes).set({ currentVersion: version }).where(eq(schemes.id, schemeId));
}
