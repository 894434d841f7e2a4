// Responses (one row per device-made UUID), their paradata as columns and per-screen rows, and conflicting
// resubmissions kept aside for review. Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';
import { identity, float } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_code', 'text', (c) => c.notNull())
    .addColumn('survey_version', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'text', (c) => c.references('assignments.id').onDelete('set null'))
    .addColumn('collected_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text')
    .addColumn('psu', 'text')
    .addColumn('base_weight', float(db))
    .execute();
  await db.schema
    .createIndex('responses_survey_idx')
    .on('responses')
    .columns(['survey_code', 'survey_version'])
    .execute();
  // One interview per household: a second device's interview of the same assignment is a conflict, not a row.
  await db.schema.createIndex('responses_assignment_uq').on('responses').column('assignment_id').unique().execute();

  await db.schema
    .createTable('response_paradata')
    .addColumn('response_id', 'text', (c) => c.primaryKey().references('responses.id').onDelete('cascade'))
    .addColumn('duration_seconds', float(db))
    .addColumn('changed_answers', 'integer')
    .addColumn('user_agent', 'text')
    .addColumn('platform', 'text')
    .addColumn('screen_width', 'integer')
    .addColumn('screen_height', 'integer')
    .addColumn('app_version', 'text')
    .addColumn('gps_lat', float(db))
    .addColumn('gps_lon', float(db))
    .addColumn('gps_accuracy_m', float(db))
    .addColumn('gps_at', 'text')
    .execute();

  await db.schema
    .createTable('response_screen_times')
    .addColumn('response_id', 'text', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('screen', 'text', (c) => c.notNull())
    .addColumn('seconds', float(db), (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('response_screen_times_pk', ['response_id', 'position'])
    .execute();

  await db.schema
    .createTable('response_conflicts')
    .addColumn('id', 'integer', identity(db))
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolution', 'text')
    .addUniqueConstraint('response_conflicts_payload_uq', ['response_id', 'content_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['response_conflicts', 'response_screen_times', 'response_paradata', 'responses']) {
    await db.schema.dropTable(table).execute();
  }
}
