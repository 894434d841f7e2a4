// Supervisors' areas: which units of which frame a supervisor oversees (a unit of the frame's first level below
// the province), the frames' first-level units to choose from, and which stored interviews fall inside the areas.
import type { Db } from '../database.js';

export interface SupervisorAreaRow {
  frame_id: number;
  frame_name: string;
  unit_code: string;
  unit_name: string;
  unit_level: string;
}

/** The first-level units of every frame (the units whose parent is the province), or of one frame. */
function firstLevelUnits(db: Db) {
  return db
    .selectFrom('frame_units as u')
    .innerJoin('frames as f', 'f.id', 'u.frame_id')
    .innerJoin('frame_units as p', (j) =>
      j.onRef('p.frame_id', '=', 'u.frame_id').onRef('p.code', '=', 'u.parent_code').on('p.level', '=', 'province'),
    )
    .select([
      'u.frame_id',
      'f.name as frame_name',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.level as unit_level',
    ]);
}

export async function listAreasBySupervisor(db: Db, userId: number): Promise<SupervisorAreaRow[]> {
  return firstLevelUnits(db)
    .innerJoin('supervisor_areas as sa', (j) =>
      j.onRef('sa.frame_id', '=', 'u.frame_id').onRef('sa.unit_code', '=', 'u.code'),
    )
    .where('sa.user_id', '=', userId)
    .orderBy('u.frame_id')
    .orderBy('u.code')
    .execute();
}

/** Every first-level unit of the imported frames, for choosing a supervisor's areas. */
export async function listFrameAreas(db: Db): Promise<SupervisorAreaRow[]> {
  return firstLevelUnits(db).orderBy('u.frame_id').orderBy('u.position').execute();
}

/** The first-level unit `code` of a frame, or undefined when the frame has no such unit at its first level. */
export async function findFrameArea(db: Db, frameId: number, code: string): Promise<SupervisorAreaRow | undefined> {
  return firstLevelUnits(db).where('u.frame_id', '=', frameId).where('u.code', '=', code).executeTakeFirst();
}

/** The frames that have a district with this code at their first level (for `--district CODE`). */
export async function listFrameIdsByDistrictCode(db: Db, code: string): Promise<number[]> {
  const rows = await firstLevelUnits(db)
    .where('u.level', '=', 'district')
    .where('u.code', '=', code)
    .orderBy('u.frame_id')
    .execute();
  return rows.map((r) => r.frame_id);
}

/** Returns false when the supervisor already had the area. */
export async function insertSupervisorArea(db: Db, userId: number, frameId: number, code: string): Promise<boolean> {
  const result = await db
    .insertInto('supervisor_areas')
    .values({ user_id: userId, frame_id: frameId, unit_code: code })
    .onConflict((oc) => oc.columns(['user_id', 'frame_id', 'unit_code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteSupervisorArea(db: Db, userId: number, frameId: number, code: string): Promise<number> {
  const result = await db
    .deleteFrom('supervisor_areas')
    .where('user_id', '=', userId)
    .where('frame_id', '=', frameId)
    .where('unit_code', '=', code)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Ids of interviews whose village lies in one of the supervisor's areas. The area is the village's commune on a
 * two-tier frame and the commune's district on a four-level one; codes are unique within a frame and areas are
 * first-level units, so matching either ancestor is exact.
 */
export async function listResponseIdsBySupervisorAreas(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('responses')
    .innerJoin('assignments', 'assignments.id', 'responses.assignment_id')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .innerJoin('sample_draws as sd', 'sd.id', 'households.draw_id')
    .innerJoin('sample_units as v', (j) =>
      j.onRef('v.draw_id', '=', 'households.draw_id').onRef('v.code', '=', 'households.village_code'),
    )
    .innerJoin('sample_units as c', (j) => j.onRef('c.draw_id', '=', 'v.draw_id').onRef('c.code', '=', 'v.parent_code'))
    .leftJoin('sample_units as d', (j) => j.onRef('d.draw_id', '=', 'c.draw_id').onRef('d.code', '=', 'c.parent_code'))
    .innerJoin('supervisor_areas as sa', 'sa.frame_id', 'sd.frame_id')
    .select('responses.id')
    .distinct()
    .where('sa.user_id', '=', userId)
    .where((eb) => eb.or([eb('sa.unit_code', '=', eb.ref('c.code')), eb('sa.unit_code', '=', eb.ref('d.code'))]))
    .execute();
  return rows.map((r) => r.id);
}
