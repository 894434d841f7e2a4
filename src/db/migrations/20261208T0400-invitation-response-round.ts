// An invitation answer keeps the round it answered (never the participant), so a round's page can summarise its
// own answers when two rounds share a questionnaire. Answers stored before this migration are given their round
// when exactly one round used their questionnaire; the others stay without a round (null), as before.
// Frozen in time: typed Kysely<any> and never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('invitation_round_id', 'integer').execute();
  await sql`update responses set invitation_round_id =
      (select min(r.id) from invitation_rounds r where r.survey_code = responses.survey_code)
    where source = 'invitation'
      and (select count(*) from invitation_rounds r where r.survey_code = responses.survey_code) = 1`.execute(db);
  await db.schema.createIndex('responses_invitation_round_idx').on('responses').column('invitation_round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_invitation_round_idx').execute();
  await db.schema.alterTable('responses').dropColumn('invitation_round_id').execute();
}
