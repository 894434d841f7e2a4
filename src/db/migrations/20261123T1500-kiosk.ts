// Kiosk counters at one-stop offices, their paired devices and one-time pairing codes, and the columns that
// tie a rating to its counter, device and dossier. Frozen in time: typed Kysely<any>, no application code.
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kiosk_counters')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('survey_code', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull().defaultTo('07:30'))
    .addColumn('closes_at', 'text', (c) => c.notNull().defaultTo('17:00'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kiosk_devices')
    .addColumn('id', 'integer', identity(db))
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('paired_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .execute();

  await db.schema
    .createTable('kiosk_pairing_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .alterTable('responses')
    .addColumn('kiosk_counter_id', 'integer', (c) => c.references('kiosk_counters.id'))
    .execute();
  await db.schema
    .alterTable('responses')
    .addColumn('kiosk_device_id', 'integer', (c) => c.references('kiosk_devices.id'))
    .execute();
  await db.schema.alterTable('responses').addColumn('dossier_code', 'text').execute();
  await db.schema.alterTable('responses').addColumn('local_day', 'text').execute();
  // A dossier is rated at most once per counter per day; NULL dossier codes do not collide.
  await db.schema
    .createIndex('responses_dossier_day_uq')
    .on('responses')
    .columns(['kiosk_counter_id', 'dossier_code', 'local_day'])
    .unique()
    .where(sql.ref('dossier_code'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('responses_counter_day_idx')
    .on('responses')
    .columns(['kiosk_counter_id', 'local_day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_counter_day_idx').execute();
  await db.schema.dropIndex('responses_dossier_day_uq').execute();
  for (const column of ['local_day', 'dossier_code', 'kiosk_device_id', 'kiosk_counter_id']) {
    await db.schema.alterTable('responses').dropColumn(column).execute();
  }
  for (const table of ['kiosk_pairing_codes', 'kiosk_devices', 'kiosk_counters'])
    await db.schema.dropTable(table).execute();
}
