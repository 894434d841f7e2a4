// Interview review: the interviews a supervisor looks at (with their household and village), their versions,
// the reviews with their comments per question, and the returned interviews a surveyor's phone downloads.
import { bumpResultGeneration, designScope } from './result-generations.js';
import type { Db } from '../database.js';
import type { ResponseVersionTable } from '../schema.js';

/** Interviews (not kiosk or phone ratings) with who collected them and where: the base of the review pages. */
function interviews(db: Db) {
  return db
    .selectFrom('responses')
    .leftJoin('users', 'users.id', 'responses.collected_by')
    .leftJoin('assignments', 'assignments.id', 'responses.assignment_id')
    .leftJoin('households', 'households.id', 'assignments.household_id')
    .leftJoin('sample_units as village', (j) =>
      j.onRef('village.draw_id', '=', 'households.draw_id').onRef('village.code', '=', 'households.village_code'),
    )
    .leftJoin('sample_units as commune', (j) =>
      j.onRef('commune.draw_id', '=', 'village.draw_id').onRef('commune.code', '=', 'village.parent_code'),
    )
    .where('responses.source', 'not in', ['kiosk', 'qr', 'link']);
}

/** Every interview, newest first, optionally in one review state (the caller keeps those in its scope). */
export async function listInterviewsForReview(db: Db, filter: { status: string | null }) {
  let query = interviews(db).select([
    'responses.id',
    'responses.survey_code',
    'responses.received_at',
    'responses.completed_at',
    'responses.duration_seconds',
    'responses.review_status',
    'responses.version',
    'users.username',
    'households.household_key',
    'village.name as village_name',
  ]);
  if (filter.status !== null) query = query.where('responses.review_status', '=', filter.status);
  return query.orderBy('responses.received_at', 'desc').orderBy('responses.seq', 'desc').execute();
}

export async function findInterviewForReview(db: Db, id: string) {
  return interviews(db)
    .selectAll('responses')
    .select([
      'users.username',
      'users.display_name',
      'assignments.disposition',
      'households.household_key',
      'households.village_code',
      'village.name as village_name',
      'commune.name as commune_name',
    ])
    .where('responses.id', '=', id)
    .executeTakeFirst();
}

export async function listScreenTimesBySeq(db: Db, seq: number) {
  return db
    .selectFrom('response_screen_times')
    .select(['screen', 'seconds', 'visits'])
    .where('response_seq', '=', seq)
    .orderBy('position')
    .execute();
}

/** Durations of the stored interviews of one questionnaire, by id (for its median). */
export async function listDurationsBySurvey(db: Db, surveyCode: string) {
  return db
    .selectFrom('responses')
    .select(['id', 'duration_seconds'])
    .where('survey_code', '=', surveyCode)
    .where('source', '=', 'field')
    .where('duration_seconds', 'is not', null)
    .execute();
}

export async function listVersionsBySeq(db: Db, seq: number) {
  return db
    .selectFrom('response_versions')
    .leftJoin('users', 'users.id', 'response_versions.submitted_by')
    .select([
      'response_versions.version',
      'response_versions.answers_json',
      'response_versions.content_hash',
      'response_versions.completed_at',
      'response_versions.received_at',
      'users.username',
    ])
    .where('response_versions.response_seq', '=', seq)
    .orderBy('response_versions.version')
    .execute();
}

/** The content hashes of the versions kept for a response (none until it has a second version). */
export async function listVersionHashes(db: Db, seq: number): Promise<string[]> {
  const rows = await db
    .selectFrom('response_versions')
    .select('content_hash')
    .where('response_seq', '=', seq)
    .execute();
  return rows.map((r) => r.content_hash);
}

export async function insertVersion(db: Db, row: ResponseVersionTable): Promise<void> {
  await db.insertInto('response_versions').values(row).execute();
}

/** Makes new content the current version; its review starts again. */
export async function updateCurrentVersion(
  db: Db,
  seq: number,
  content: { answers_json: string; content_hash: string; version: number },
): Promise<void> {
  await db
    .updateTable('responses')
    .set({ ...content, review_status: 'none' })
    .where('seq', '=', seq)
    .execute();
  await bumpResultGeneration(db, designScope);
}

export async function updateReviewStatus(db: Db, seq: number, status: string): Promise<void> {
  await db.updateTable('responses').set({ review_status: status }).where('seq', '=', seq).execute();
  await bumpResultGeneration(db, designScope);
}

export async function insertReview(
  db: Db,
  review: {
    response_seq: number;
    version: number;
    status: string;
    comment: string | null;
    reviewed_at: string;
    reviewed_by: number | null;
  },
  comments: readonly { question: string; comment: string }[],
): Promise<number> {
  const { id } = await db.insertInto('response_reviews').values(review).returning('id').executeTakeFirstOrThrow();
  if (comments.length > 0)
    await db
      .insertInto('response_review_comments')
      .values(comments.map((c, position) => ({ review_id: id, position, ...c })))
      .execute();
  return id;
}

/** The reviews of some responses, newest first, with the reviewer's name. */
export async function listReviewsBySeqs(db: Db, seqs: readonly number[]) {
  if (seqs.length === 0) return [];
  return db
    .selectFrom('response_reviews')
    .leftJoin('users', 'users.id', 'response_reviews.reviewed_by')
    .select([
      'response_reviews.id',
      'response_reviews.response_seq',
      'response_reviews.version',
      'response_reviews.status',
      'response_reviews.comment',
      'response_reviews.reviewed_at',
      'users.username',
      'users.display_name',
    ])
    .where('response_reviews.response_seq', 'in', seqs)
    .orderBy('response_reviews.id', 'desc')
    .execute();
}

export async function listReviewCommentsByReviews(db: Db, reviewIds: readonly number[]) {
  if (reviewIds.length === 0) return [];
  return db
    .selectFrom('response_review_comments')
    .select(['review_id', 'question', 'comment'])
    .where('review_id', 'in', reviewIds)
    .orderBy('review_id')
    .orderBy('position')
    .execute();
}

/** A surveyor's interviews returned for correction, with what the phone needs to reopen them. */
export async function listReturnedByCollector(db: Db, userId: number) {
  return db
    .selectFrom('responses')
    .select([
      'seq',
      'id',
      'survey_code',
      'survey_version',
      'assignment_id',
      'answers_json',
      'started_at',
      'completed_at',
      'version',
    ])
    .where('collected_by', '=', userId)
    .where('review_status', '=', 'has_issues')
    .orderBy('seq')
    .execute();
}
