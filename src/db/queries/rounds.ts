// Survey rounds, their responses (with the design variables and the area path for breakdowns), and targets.
import type { ExpressionBuilder, Insertable } from 'kysely';
import { bumpResultGeneration, designScope } from './result-generations.js';
import type { Db } from '../database.js';
import type { Database, RoundTable } from '../schema.js';

export async function insertRound(
  db: Db,
  r: Omit<Insertable<RoundTable>, 'calibration'> & Pick<Insertable<RoundTable>, 'design' | 'lonely_psu'>,
): Promise<number> {
  const { id } = await db.insertInto('rounds').values(r).returning('id').executeTakeFirstOrThrow();
  await bumpResultGeneration(db, designScope);
  return id;
}

export async function findRoundByCode(db: Db, code: string) {
  return db.selectFrom('rounds').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listRounds(db: Db) {
  return db.selectFrom('rounds').selectAll().orderBy('period_start', 'desc').orderBy('id', 'desc').execute();
}

export type RoundScope = {
  survey_code: string;
  survey_version: string;
  period_start: string;
  period_end: string;
  draw_id: number | null;
};

/**
 * The responses a round reads: its questionnaire version, completed within its period, collected for its draw's
 * assignments when it has one. Ratings from phones (counter QR, dossier links) are their own channel
 * (/results/kiosk), never in a round.
 */
function inRound(eb: ExpressionBuilder<Database, 'responses' | 'households'>, round: RoundScope) {
  return eb.and([
    eb('responses.survey_code', '=', round.survey_code),
    eb('responses.survey_version', '=', round.survey_version),
    eb('responses.source', 'not in', ['qr', 'link']),
    eb('responses.completed_at', '>=', `${round.period_start}T00:00:00`),
    eb('responses.completed_at', '<=', `${round.period_end}T23:59:59.999Z`),
    ...(round.draw_id !== null ? [eb('households.draw_id', '=', round.draw_id)] : []),
  ]);
}

/**
 * The responses of a round: its questionnaire version, completed within its period, and (when the round has a
 * draw) collected for that draw's assignments; phone ratings are left out. Village, commune and district (none
 * on a two-tier draw) come from the draw for breakdowns. Weights are not stored: the caller computes them from the
 * draw (weightsOfDraw).
 */
export async function listRoundResponses(db: Db, round: RoundScope, page: { afterSeq?: number; limit?: number } = {}) {
  // A first page starts at the round's first response, found on the completion index: a page is then read in seq
  // order from there (the seq index), never by sorting every response of the period again.
  let afterSeq = page.afterSeq;
  if (afterSeq === undefined && page.limit !== undefined) {
    const first = await db
      .selectFrom('responses')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('survey_code', '=', round.survey_code)
      .where('survey_version', '=', round.survey_version)
      .where('completed_at', '>=', `${round.period_start}T00:00:00`)
      .where('completed_at', '<=', `${round.period_end}T23:59:59.999Z`)
      .executeTakeFirst();
    if (first?.seq === null || first?.seq === undefined) return [];
    afterSeq = first.seq - 1;
  }
  let query = db
    .selectFrom('responses')
    .leftJoin('assignments', 'assignments.id', 'responses.assignment_id')
    .leftJoin('households', 'households.id', 'assignments.household_id')
    .leftJoin('sample_units as village', (j) =>
      j.onRef('village.draw_id', '=', 'households.draw_id').onRef('village.code', '=', 'households.village_code'),
    )
    .leftJoin('sample_units as commune', (j) =>
      j.onRef('commune.draw_id', '=', 'village.draw_id').onRef('commune.code', '=', 'village.parent_code'),
    )
    // On today's two-tier map a commune's parent is the province, which is no sample unit: no district.
    .leftJoin('sample_units as district', (j) =>
      j.onRef('district.draw_id', '=', 'commune.draw_id').onRef('district.code', '=', 'commune.parent_code'),
    )
    .leftJoin('kiosk_counters', 'kiosk_counters.id', 'responses.kiosk_counter_id')
    .select([
      'responses.seq',
      'responses.id',
      'responses.answers_json',
      'responses.assignment_id',
      'households.draw_id',
      'responses.completed_at',
      'responses.review_status',
      'assignments.disposition',
      'households.village_code',
      'commune.code as commune_code',
      'commune.name as commune_name',
      'district.code as district_code',
      'kiosk_counters.field as service_field',
    ])
    .where((eb) => inRound(eb, round));
  if (afterSeq !== undefined) query = query.where('responses.seq', '>', afterSeq);
  if (page.limit !== undefined) query = query.limit(page.limit);
  return query.orderBy('responses.seq').execute();
}

/** How many stored interviews a round reads (whatever their disposition or review), as listRoundResponses selects. */
export async function countRoundResponses(db: Db, round: Parameters<typeof listRoundResponses>[1]): Promise<number> {
  const query = db
    .selectFrom('responses')
    .leftJoin('assignments', 'assignments.id', 'responses.assignment_id')
    .leftJoin('households', 'households.id', 'assignments.household_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where((eb) => inRound(eb, round));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Whether a round reads any stored response (whatever its disposition). */
export async function roundHasResponses(db: Db, round: Parameters<typeof listRoundResponses>[1]): Promise<boolean> {
  return (await listRoundResponses(db, round, { limit: 1 })).length > 0;
}

/** Deletes a round with its targets and margins. */
export async function deleteRoundById(db: Db, roundId: number): Promise<void> {
  await db.deleteFrom('targets').where('round_id', '=', roundId).execute();
  await db.deleteFrom('round_margins').where('round_id', '=', roundId).execute();
  await db.deleteFrom('rounds').where('id', '=', roundId).execute();
  await bumpResultGeneration(db, designScope);
}

export async function listUnitNamesByDraw(db: Db, drawId: number): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('sample_units').select(['code', 'name']).where('draw_id', '=', drawId).execute();
}

export async function listTargetsByRound(db: Db, roundId: number) {
  return db.selectFrom('targets').selectAll().where('round_id', '=', roundId).orderBy('node_code').execute();
}

// Targets bump no generation: kept scores never read them (round-results.ts reads them fresh on each view), so a
// new goal leaves every round's kept scores in place.
export async function upsertTarget(
  db: Db,
  t: {
    round_id: number;
    node_code: string;
    kind: string;
    value: number;
    owner: string;
    updated_at: string;
    updated_by: number | null;
  },
): Promise<void> {
  await db
    .insertInto('targets')
    .values(t)
    .onConflict((oc) =>
      oc.columns(['round_id', 'node_code']).doUpdateSet({
        kind: t.kind,
        value: t.value,
        owner: t.owner,
        updated_at: t.updated_at,
        updated_by: t.updated_by,
      }),
    )
    .execute();
}

export async function deleteTarget(db: Db, roundId: number, nodeCode: string): Promise<void> {
  await db.deleteFrom('targets').where('round_id', '=', roundId).where('node_code', '=', nodeCode).execute();
}

export async function findLatestRoundByDraw(db: Db, drawId: number) {
  return db
    .selectFrom('rounds')
    .select(['survey_code', 'survey_version'])
    .where('draw_id', '=', drawId)
    .orderBy('period_start', 'desc')
    .executeTakeFirst();
}

export async function listRoundMargins(db: Db, roundId: number) {
  return db
    .selectFrom('round_margins')
    .select(['variable', 'level', 'total'])
    .where('round_id', '=', roundId)
    .orderBy('variable')
    .orderBy('level')
    .execute();
}

/** Replaces a round's calibration method and margins (none for 'none'). */
export async function replaceRoundCalibration(
  db: Db,
  roundId: number,
  method: string,
  margins: readonly { variable: string; level: string; total: number }[],
): Promise<void> {
  await db.deleteFrom('round_margins').where('round_id', '=', roundId).execute();
  if (margins.length > 0)
    await db
      .insertInto('round_margins')
      .values(margins.map((m) => ({ round_id: roundId, ...m })))
      .execute();
  await db.updateTable('rounds').set({ calibration: method }).where('id', '=', roundId).execute();
  await bumpResultGeneration(db, designScope);
}
