// Results read fast and stay fresh: an index for a round's responses (a questionnaire version within a period of
// completion); each kiosk rating's answer to its satisfaction question as a column (`rating`, filled for earlier
// ratings at start-up by services/kiosk/rating-backfill.ts, which knows the questionnaires) and an index that
// counts ratings per day, counter, questionnaire and answer without reading the rows; and the generations that
// tell kept results apart from current ones (a write that changes what results read bumps its scope; see
// db/queries/result-generations.ts).
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('responses_survey_completed_idx')
    .on('responses')
    .columns(['survey_code', 'survey_version', 'completed_at'])
    .execute();
  await db.schema.alterTable('responses').addColumn('rating', 'integer').execute();
  await db.schema
    .createIndex('responses_source_day_idx')
    .on('responses')
    .columns(['source', 'local_day', 'kiosk_counter_id', 'survey_code', 'survey_version', 'rating'])
    .execute();
  await db.schema
    .createTable('result_generations')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('result_generations').execute();
  await db.schema.dropIndex('responses_source_day_idx').execute();
  await db.schema.alterTable('responses').dropColumn('rating').execute();
  await db.schema.dropIndex('responses_survey_completed_idx').execute();
}
