// Stored responses, their paradata and conflicting resubmissions.
import type { Db } from '../database.js';
import type { ResponseParadataTable, ResponseTable } from '../schema.js';

export async function findResponseById(db: Db, id: string) {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findResponseIdByAssignment(db: Db, assignmentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('responses').select('id').where('assignment_id', '=', assignmentId).executeTakeFirst();
  return row?.id;
}

export async function insertResponse(
  db: Db,
  response: ResponseTable,
  paradata: ResponseParadataTable,
  screens: readonly { screen: string; seconds: number; visits: number }[],
): Promise<void> {
  await db.insertInto('responses').values(response).execute();
  await db.insertInto('response_paradata').values(paradata).execute();
  if (screens.length > 0) {
    await db.insertInto('response_screen_times').values(screens.map((s, position) => ({ ...s, position, response_id: response.id }))).execute();
  }
}

/** Keeps a conflicting payload aside; the same conflicting payload sent twice is kept once. */
export async function insertConflict(
  db: Db,
  conflict: { response_id: string; received_at: string; submitted_by: number | null; payload_json: string; content_hash: string },
): Promise<void> {
  await db.insertInto('response_conflicts').values(conflict).onConflict((oc) => oc.columns(['response_id', 'content_hash']).doNothing()).execute();
}

export async function listOpenConflicts(db: Db) {
  return db
    .selectFrom('response_conflicts')
    .leftJoin('users', 'users.id', 'response_conflicts.submitted_by')
    .select(['response_conflicts.id', 'response_conflicts.response_id', 'response_conflicts.received_at', 'response_conflicts.payload_json', 'users.username'])
    .where('response_conflicts.resolved_at', 'is', null)
    .orderBy('response_conflicts.id')
    .execute();
}

export async function findConflictById(db: Db, id: number) {
  return db.selectFrom('response_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveConflict(db: Db, id: number, r: { resolved_at: string; resolved_by: number | null; resolution: string }): Promise<void> {
  await db.updateTable('response_conflicts').set(r).where('id', '=', id).execute();
}

export async function replaceResponseContent(db: Db, id: string, content: { answers_json: string; content_hash: string; started_at: string | null; completed_at: string }): Promise<void> {
  await db.updateTable('responses').set(content).where('id', '=', id).execute();
}

/** Copies the current design variables of each completed assignment of a draw onto its response. */
export async function syncResponseDesignByDraw(db: Db, drawId: number): Promise<void> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .innerJoin('responses', 'responses.assignment_id', 'assignments.id')
    .select(['responses.id', 'assignments.base_weight', 'assignments.stratum', 'assignments.psu'])
    .where('households.draw_id', '=', drawId)
    .execute();
  for (const r of rows) {
    await db.updateTable('responses').set({ base_weight: r.base_weight, stratum: r.stratum, psu: r.psu }).where('id', '=', r.id).execute();
  }
}

export async function listInterviewStatsBySurvey(db: Db) {
  return db
    .selectFrom('responses')
    .leftJoin('users', 'users.id', 'responses.collected_by')
    .leftJoin('response_paradata', 'response_paradata.response_id', 'responses.id')
    .select(['responses.id', 'responses.survey_code', 'responses.received_at', 'responses.completed_at', 'users.username', 'response_paradata.duration_seconds'])
    .where('responses.source', '=', 'field')
    .orderBy('responses.received_at', 'desc')
    .execute();
}
