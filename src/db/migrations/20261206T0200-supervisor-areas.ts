// A supervisor's area names the frame and a unit of its first level below the province (a district on four-level
// frames, a commune on two-tier ones), instead of a bare district code shared by every frame. Each old district
// row is copied to every frame that has a district with that code; down keeps only the district areas.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervisor_areas')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('frame_id', 'integer', (c) => c.notNull().references('frames.id').onDelete('cascade'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervisor_areas_pk', ['user_id', 'frame_id', 'unit_code'])
    .execute();
  await sql`
    insert into supervisor_areas (user_id, frame_id, unit_code)
    select distinct sd.user_id, fu.frame_id, sd.district_code
    from supervisor_districts sd
    join frame_units fu on fu.code = sd.district_code and fu.level = 'district'`.execute(db);
  await db.schema.dropTable('supervisor_districts').execute();
}

/** Commune areas of two-tier frames have no district to go back to: they are dropped. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervisor_districts')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervisor_districts_pk', ['user_id', 'district_code'])
    .execute();
  await sql`
    insert into supervisor_districts (user_id, district_code)
    select distinct sa.user_id, sa.unit_code
    from supervisor_areas sa
    join frame_units fu on fu.frame_id = sa.frame_id and fu.code = sa.unit_code and fu.level = 'district'`.execute(db);
  await db.schema.dropTable('supervisor_areas').execute();
}
