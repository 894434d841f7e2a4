// Sampling frames and their units, kept in frame order (the implicit stratification of the PPS draws).
import type { Db } from '../database.js';
import type { FrameUnitTable } from '../schema.js';

export type FrameUnitRow = Pick<FrameUnitTable, 'level' | 'code' | 'name' | 'parent_code' | 'population' | 'is_seat'>;

export async function insertFrame(
  db: Db,
  frame: { name: string; province_code: string; content_hash: string; imported_at: string; imported_by: number | null },
  units: readonly FrameUnitRow[],
): Promise<number> {
  const { id } = await db.insertInto('frames').values(frame).returning('id').executeTakeFirstOrThrow();
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < units.length; i += 500) {
    const chunk = units.slice(i, i + 500).map((u, k) => ({ ...u, frame_id: id, position: i + k }));
    await db.insertInto('frame_units').values(chunk).execute();
  }
  return id;
}

export async function findFrameByHash(db: Db, contentHash: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('frames')
    .select('id')
    .where('content_hash', '=', contentHash)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function findFrameById(db: Db, id: number) {
  return db.selectFrom('frames').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listFrames(db: Db) {
  return db
    .selectFrom('frames')
    .leftJoin('frame_units', 'frame_units.frame_id', 'frames.id')
    .select(['frames.id', 'frames.name', 'frames.province_code', 'frames.imported_at'])
    .select((eb) => eb.fn.count<number>('frame_units.id').as('unit_count'))
    .groupBy(['frames.id', 'frames.name', 'frames.province_code', 'frames.imported_at'])
    .orderBy('frames.id', 'desc')
    .execute();
}

export async function listFrameUnitsByFrame(db: Db, frameId: number): Promise<FrameUnitRow[]> {
  return db
    .selectFrom('frame_units')
    .select(['level', 'code', 'name', 'parent_code', 'population', 'is_seat'])
    .where('frame_id', '=', frameId)
    .orderBy('position')
    .execute();
}

/** The province row of a frame (one row, not the whole frame). */
export async function findProvinceUnitByFrame(db: Db, frameId: number) {
  return db
    .selectFrom('frame_units')
    .select(['code', 'name', 'population'])
    .where('frame_id', '=', frameId)
    .where('level', '=', 'province')
    .executeTakeFirst();
}
