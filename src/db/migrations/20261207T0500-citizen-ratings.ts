// Ratings citizens send from their own phones (counter QR codes and per-dossier signed links). Each "at most once"
// promise is a unique key, so concurrent requests cannot both pass: one rating per device per counter per day
// (rating_device_days), one rating per dossier per counter (rating_dossiers), one use per link (rating_links).
// Held ratings (the burst detector) wait in rating_holds; service tokens carry one scope each.
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';
import { identity } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  // The counter's shared secret for signed links, made when its first link is minted (null until then).
  await db.schema.alterTable('kiosk_counters').addColumn('link_secret', 'text').execute();
  // An invitation answer keeps the participant's group (response rates, post-stratification), never who answered.
  await db.schema.alterTable('responses').addColumn('respondent_group', 'text').execute();
  await db.schema
    .createTable('rating_device_days')
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id'))
    .addColumn('local_day', 'text', (c) => c.notNull())
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_device_days_pk', ['counter_id', 'local_day', 'device_hash'])
    .execute();
  await db.schema
    .createTable('rating_dossiers')
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id'))
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_dossiers_pk', ['counter_id', 'dossier_code'])
    .execute();
  await db.schema
    .createTable('rating_links')
    .addColumn('id', 'integer', identity(db))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id'))
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // 'api', 'cli', 'admin', or 'offline' (minted by the dossier system, first seen when used).
    .addColumn('minted_by', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('response_id', 'text')
    .execute();
  await db.schema
    .createIndex('rating_links_counter_idx')
    .on('rating_links')
    .columns(['counter_id', 'issued_at'])
    .execute();
  await db.schema
    .createTable('rating_holds')
    .addColumn('response_id', 'text', (c) => c.primaryKey())
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('kiosk_counters.id'))
    .addColumn('held_at', 'text', (c) => c.notNull())
    // 'held' until an admin decides: 'released' (counted) or 'rejected' (never counted).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('held'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('rating_holds_counter_idx')
    .on('rating_holds')
    .columns(['counter_id', 'status'])
    .execute();
  await db.schema
    .createTable('service_tokens')
    .addColumn('id', 'integer', identity(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  // Invitation surveys: one single-use token per participant. Answers are stored as responses with no reference
  // to the participant; the participant row keeps only the day it submitted (for the reminder list).
  await db.schema
    .createTable('invitation_rounds')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('survey_code', 'text', (c) => c.notNull())
    .addColumn('survey_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('invitation_participants')
    .addColumn('id', 'integer', identity(db))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('invitation_rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('draft_json', 'text')
    .addColumn('draft_saved_at', 'text')
    .addColumn('submitted_day', 'text')
    .addUniqueConstraint('invitation_participants_contact', ['round_id', 'contact'])
    .execute();
  // Phone ratings by channel and day use responses_source_day_idx (source, local_day, …) of 20261207T0200.
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'invitation_participants',
    'invitation_rounds',
    'service_tokens',
    'rating_holds',
    'rating_links',
    'rating_dossiers',
    'rating_device_days',
  ])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('kiosk_counters').dropColumn('link_secret').execute();
  await db.schema.alterTable('responses').dropColumn('respondent_group').execute();
}
