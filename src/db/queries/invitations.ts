// Invitation rounds and their participants. Submitting is an update that succeeds once (submitted_day null), so
// two submissions with one token cannot both pass; the answers go to responses with no reference back.
import type { Db } from '../database.js';

export async function insertInvitationRound(
  db: Db,
  row: { code: string; label: string; survey_code: string; survey_version: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('invitation_rounds').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findInvitationRoundByCode(db: Db, code: string) {
  return db.selectFrom('invitation_rounds').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listInvitationRounds(db: Db) {
  return db.selectFrom('invitation_rounds').selectAll().orderBy('id', 'desc').execute();
}

export async function insertParticipants(
  db: Db,
  rows: {
    round_id: number;
    name: string;
    contact: string;
    organisation: string;
    role: string;
    grp: string;
    token: string;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('invitation_participants')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function findParticipantByToken(db: Db, token: string) {
  return db
    .selectFrom('invitation_participants')
    .innerJoin('invitation_rounds', 'invitation_rounds.id', 'invitation_participants.round_id')
    .select([
      'invitation_participants.id',
      'invitation_participants.grp',
      'invitation_participants.draft_json',
      'invitation_participants.submitted_day',
      'invitation_rounds.id as round_id',
      'invitation_rounds.code as round_code',
      'invitation_rounds.label as round_label',
      'invitation_rounds.survey_code',
      'invitation_rounds.survey_version',
    ])
    .where('invitation_participants.token', '=', token)
    .executeTakeFirst();
}

export async function saveDraftById(db: Db, id: number, draftJson: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitation_participants')
    .set({ draft_json: draftJson, draft_saved_at: at })
    .where('id', '=', id)
    .where('submitted_day', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the participant as having submitted (once) and drops the draft: false when it already had. */
export async function markSubmittedById(db: Db, id: number, day: string): Promise<boolean> {
  const result = await db
    .updateTable('invitation_participants')
    .set({ submitted_day: day, draft_json: null, draft_saved_at: null })
    .where('id', '=', id)
    .where('submitted_day', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listParticipantsByRound(db: Db, roundId: number) {
  return db
    .selectFrom('invitation_participants')
    .select(['name', 'contact', 'organisation', 'role', 'grp', 'token', 'submitted_day'])
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
}

/** A round's answers: the group and the answers only (a response keeps nothing else of who answered). */
export async function listAnswersByInvitationRound(db: Db, roundId: number) {
  return db
    .selectFrom('responses')
    .select(['respondent_group', 'answers_json'])
    .where('invitation_round_id', '=', roundId)
    .where('source', '=', 'invitation')
    .orderBy('seq')
    .execute();
}
