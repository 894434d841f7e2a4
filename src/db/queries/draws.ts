// Sample draws: the plan and seed they were made with, and every selected unit with its probabilities.
import type { Db } from '../database.js';
import type { SampleUnitTable } from '../schema.js';

export type SampleUnitRow = Pick<
  SampleUnitTable,
  'level' | 'code' | 'name' | 'parent_code' | 'certainty' | 'pi' | 'pi_cumulative'
>;

export async function insertDraw(
  db: Db,
  draw: { frame_id: number; plan_json: string; seed: string; created_at: string; created_by: number | null },
  units: readonly SampleUnitRow[],
): Promise<number> {
  const { id } = await db.insertInto('sample_draws').values(draw).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < units.length; i += 500) {
    const chunk = units.slice(i, i + 500).map((u, k) => ({ ...u, draw_id: id, position: i + k }));
    await db.insertInto('sample_units').values(chunk).execute();
  }
  return id;
}

export async function findDrawById(db: Db, id: number) {
  return db.selectFrom('sample_draws').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLatestDraw(db: Db) {
  return db.selectFrom('sample_draws').selectAll().orderBy('id', 'desc').executeTakeFirst();
}

export async function listDraws(db: Db) {
  return db
    .selectFrom('sample_draws')
    .innerJoin('frames', 'frames.id', 'sample_draws.frame_id')
    .select([
      'sample_draws.id',
      'sample_draws.seed',
      'sample_draws.created_at',
      'frames.name as frame_name',
      'frames.id as frame_id',
    ])
    .orderBy('sample_draws.id', 'desc')
    .execute();
}

export async function listSampleUnitsByDraw(db: Db, drawId: number): Promise<SampleUnitRow[]> {
  return db
    .selectFrom('sample_units')
    .select(['level', 'code', 'name', 'parent_code', 'certainty', 'pi', 'pi_cumulative'])
    .where('draw_id', '=', drawId)
    .orderBy('position')
    .execute();
}

/** The latest draw that selected the village, for household imports that name villages only. */
export async function findDrawIdByVillage(db: Db, villageCode: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('sample_units')
    .select('draw_id')
    .where('code', '=', villageCode)
    .where('level', '=', 'village')
    .orderBy('draw_id', 'desc')
    .executeTakeFirst();
  return row?.draw_id;
}
