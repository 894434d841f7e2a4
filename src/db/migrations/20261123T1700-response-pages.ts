// Responses are read page by page in id order within a questionnaire version (exports, results): this index
// lets each page seek to its start instead of sorting every response of the round again.
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('responses_survey_id_idx')
    .on('responses')
    .columns(['survey_code', 'survey_version', 'id'])
    .execute();
  await db.schema.dropIndex('responses_survey_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('responses_survey_idx')
    .on('responses')
    .columns(['survey_code', 'survey_version'])
    .execute();
  await db.schema.dropIndex('responses_survey_id_idx').execute();
}
