// Sampling: frames, draws with their selected units and probabilities, selected households (personal data in
// a separate table), assignments with dispositions, and supervisors' districts.
// Frozen in time: typed Kysely<any> and never imports application code.
import { sql, type Kysely } from 'kysely';
import { identity, float } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('frames')
    .addColumn('id', 'integer', identity(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('frame_units')
    .addColumn('id', 'integer', identity(db))
    .addColumn('frame_id', 'integer', (c) => c.notNull().references('frames.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'district', 'commune', 'village')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('population', 'integer', (c) => c.notNull().check(sql`population >= 0`))
    .addColumn('is_seat', 'integer', (c) => c.notNull())
    .addUniqueConstraint('frame_units_frame_code_uq', ['frame_id', 'code'])
    .execute();

  await db.schema
    .createTable('sample_draws')
    .addColumn('id', 'integer', identity(db))
    .addColumn('frame_id', 'integer', (c) => c.notNull().references('frames.id'))
    .addColumn('plan_json', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('sample_units')
    .addColumn('id', 'integer', identity(db))
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('sample_draws.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('certainty', 'integer', (c) => c.notNull())
    .addColumn('pi', float(db), (c) => c.notNull())
    .addColumn('pi_cumulative', float(db), (c) => c.notNull())
    .addUniqueConstraint('sample_units_draw_code_uq', ['draw_id', 'code'])
    .execute();

  await db.schema
    .createTable('households')
    .addColumn('id', 'integer', identity(db))
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('sample_draws.id').onDelete('cascade'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('household_key', 'text', (c) => c.notNull())
    .addColumn('eligible_adults', 'integer', (c) => c.notNull())
    .addColumn('listed_count', 'integer', (c) => c.notNull())
    .addColumn('is_reserve', 'integer', (c) => c.notNull())
    .addColumn('selection_order', 'integer', (c) => c.notNull())
    .addColumn('probability', float(db), (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('households_draw_village_key_uq', ['draw_id', 'village_code', 'household_key'])
    .execute();

  // Personal data lives apart from answers and design data, so analyst paths never join it by accident.
  await db.schema
    .createTable('household_contacts')
    .addColumn('household_id', 'integer', (c) => c.primaryKey().references('households.id').onDelete('cascade'))
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'integer', (c) => c.notNull().unique().references('households.id').onDelete('cascade'))
    .addColumn('surveyor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'text')
    .addColumn('released_at', 'text')
    .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disposition', 'text')
    .addColumn('disposition_note', 'text')
    .addColumn('disposition_at', 'text')
    .addColumn('disposition_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('base_weight', float(db))
    .addColumn('stratum', 'text')
    .addColumn('psu', 'text')
    .execute();
  await db.schema.createIndex('assignments_surveyor_idx').on('assignments').column('surveyor_user_id').execute();

  await db.schema
    .createTable('supervisor_districts')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervisor_districts_pk', ['user_id', 'district_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'supervisor_districts',
    'assignments',
    'household_contacts',
    'households',
    'sample_units',
    'sample_draws',
    'frame_units',
    'frames',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
