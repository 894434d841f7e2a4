// Selected households (primaries and ordered reserves) with their within-village probability; contact
// details go to household_contacts, apart from everything analysts can reach.
import type { Db } from '../database.js';
import type { HouseholdContactTable, HouseholdTable } from '../schema.js';

export interface NewHousehold extends Omit<HouseholdTable, 'id'> {
  contact: Omit<HouseholdContactTable, 'household_id'>;
  assignment_id: string;
  released_at: string | null;
}

export async function insertHouseholds(db: Db, households: readonly NewHousehold[]): Promise<void> {
  for (const h of households) {
    const { contact, assignment_id, released_at, ...row } = h;
    const { id } = await db.insertInto('households').values(row).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('household_contacts')
      .values({ household_id: id, ...contact })
      .execute();
    await db.insertInto('assignments').values({ id: assignment_id, household_id: id, released_at }).execute();
  }
}

export async function listVillagesWithHouseholds(db: Db, drawId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('households')
    .select('village_code')
    .distinct()
    .where('draw_id', '=', drawId)
    .execute();
  return rows.map((r) => r.village_code);
}
