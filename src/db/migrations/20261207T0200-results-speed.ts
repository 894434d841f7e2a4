// Results read fast and stay fresh: an index for a round's responses (a questionnaire version within a period of
// completion), one for kiosk ratings over a range of days, and the generations that tell cached results apart from
// current ones (a write that changes what results read bumps its scope; see db/queries/result-generations.ts).
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('responses_survey_completed_idx')
    .on('responses')
    .columns(['survey_code', 'survey_version', 'completed_at'])
    .execute();
  await db.schema
    .createIndex('responses_source_day_idx')
    .on('responses')
    .columns(['source', 'local_day', 'kiosk_counter_id', 'survey_code', 'survey_version'])
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
  await db.schema.dropIndex('responses_survey_completed_idx').execute();
}
