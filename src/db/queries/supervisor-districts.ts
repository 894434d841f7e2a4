// Supervisors' districts: which district codes a supervisor oversees, and which stored interviews fall inside
// them. A village's district is found through the draw's own tree (village -> commune -> district).
import type { Db } from '../database.js';

export async function listDistrictCodesBySupervisor(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('supervisor_districts')
    .select('district_code')
    .where('user_id', '=', userId)
    .orderBy('district_code')
    .execute();
  return rows.map((r) => r.district_code);
}

/** Returns false when the supervisor already had the district. */
export async function insertSupervisorDistrict(db: Db, userId: number, districtCode: string): Promise<boolean> {
  const result = await db
    .insertInto('supervisor_districts')
    .values({ user_id: userId, district_code: districtCode })
    .onConflict((oc) => oc.columns(['user_id', 'district_code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteSupervisorDistrict(db: Db, userId: number, districtCode: string): Promise<number> {
  const result = await db
    .deleteFrom('supervisor_districts')
    .where('user_id', '=', userId)
    .where('district_code', '=', districtCode)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether any imported frame has a district with this code. */
export async function districtCodeExists(db: Db, districtCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('frame_units')
    .select('id')
    .where('level', '=', 'district')
    .where('code', '=', districtCode)
    .executeTakeFirst();
  return row !== undefined;
}

/** The district of a selected village in a draw, or undefined when the village is not in the draw. */
export async function findDistrictCodeByVillage(
  db: Db,
  drawId: number,
  villageCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('sample_units as v')
    .innerJoin('sample_units as c', (j) => j.onRef('c.draw_id', '=', 'v.draw_id').onRef('c.code', '=', 'v.parent_code'))
    .select('c.parent_code as district_code')
    .where('v.draw_id', '=', drawId)
    .where('v.code', '=', villageCode)
    .where('v.level', '=', 'village')
    .executeTakeFirst();
  return row?.district_code ?? undefined;
}

/** Ids of interviews whose assignment lies in one of the supervisor's districts. */
export async function listResponseIdsBySupervisorDistricts(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('responses')
    .innerJoin('assignments', 'assignments.id', 'responses.assignment_id')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .innerJoin('sample_units as v', (j) =>
      j.onRef('v.draw_id', '=', 'households.draw_id').onRef('v.code', '=', 'households.village_code'),
    )
    .innerJoin('sample_units as c', (j) => j.onRef('c.draw_id', '=', 'v.draw_id').onRef('c.code', '=', 'v.parent_code'))
    .innerJoin('supervisor_districts as sd', (j) => j.onRef('sd.district_code', '=', 'c.parent_code'))
    .select('responses.id')
    .where('sd.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}

/** Every district of the imported frames (code and name), for choosing a supervisor's districts. */
export async function listFrameDistricts(db: Db): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('frame_units')
    .select(['code', 'name'])
    .where('level', '=', 'district')
    .distinct()
    .orderBy('code')
    .execute();
}
