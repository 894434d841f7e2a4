// Area crosswalks: links from the units of an old frame to the units of a newer one (one crosswalk per pair of
// frames, replaced as a whole), so an earlier round's microdata can be shown by today's commune.
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';
import { identity } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('area_crosswalks')
    .addColumn('id', 'integer', identity(db))
    .addColumn('from_frame_id', 'integer', (c) => c.notNull().references('frames.id').onDelete('cascade'))
    .addColumn('to_frame_id', 'integer', (c) => c.notNull().references('frames.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('area_crosswalks_frames_uq', ['from_frame_id', 'to_frame_id'])
    .execute();
  await db.schema
    .createTable('area_crosswalk_links')
    .addColumn('crosswalk_id', 'integer', (c) => c.notNull().references('area_crosswalks.id').onDelete('cascade'))
    .addColumn('old_code', 'text', (c) => c.notNull())
    .addColumn('new_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('area_crosswalk_links_pk', ['crosswalk_id', 'old_code', 'new_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('area_crosswalk_links').execute();
  await db.schema.dropTable('area_crosswalks').execute();
}
