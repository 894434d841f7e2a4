// Area crosswalks between two frames and their links. One crosswalk per pair of frames: storing it again replaces it.
import type { Db } from '../database.js';

export async function deleteCrosswalkByFrames(db: Db, fromFrameId: number, toFrameId: number): Promise<void> {
  await db
    .deleteFrom('area_crosswalks')
    .where('from_frame_id', '=', fromFrameId)
    .where('to_frame_id', '=', toFrameId)
    .execute();
}

export async function insertCrosswalk(
  db: Db,
  crosswalk: { from_frame_id: number; to_frame_id: number; created_at: string; created_by: number | null },
  links: readonly { old_code: string; new_code: string }[],
): Promise<number> {
  const { id } = await db.insertInto('area_crosswalks').values(crosswalk).returning('id').executeTakeFirstOrThrow();
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < links.length; i += 500) {
    const chunk = links.slice(i, i + 500).map((l) => ({ ...l, crosswalk_id: id }));
    await db.insertInto('area_crosswalk_links').values(chunk).execute();
  }
  return id;
}

/** The newest crosswalk from a frame to a later frame (the highest target frame id), if any. */
export async function findLatestCrosswalkFromFrame(db: Db, fromFrameId: number) {
  return db
    .selectFrom('area_crosswalks')
    .select(['id', 'from_frame_id', 'to_frame_id'])
    .where('from_frame_id', '=', fromFrameId)
    .orderBy('to_frame_id', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function listCrosswalkLinksByCrosswalk(db: Db, crosswalkId: number) {
  return db
    .selectFrom('area_crosswalk_links')
    .select(['old_code', 'new_code'])
    .where('crosswalk_id', '=', crosswalkId)
    .execute();
}
