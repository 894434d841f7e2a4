// Assignments of selected households to surveyors, their dispositions and reserve releases.
import { bumpResultGeneration, designScope } from './result-generations.js';
import type { Db } from '../database.js';

const assignmentColumns = [
  'assignments.id',
  'assignments.surveyor_user_id',
  'assignments.released_at',
  'assignments.visits',
  'assignments.disposition',
  'assignments.disposition_at',
  'assignments.disposition_note',
  'assignments.disposition_by',
  'households.id as household_id',
  'households.draw_id',
  'households.village_code',
  'households.household_key',
  'households.is_reserve',
  'households.selection_order',
  'households.listed_count',
  'households.probability',
  'households.eligible_adults',
] as const;

/** Assignments with their household's design fields (no contact details). */
function assignmentsWithHouseholds(db: Db) {
  return db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select(assignmentColumns);
}

export async function listAssignmentsByVillage(db: Db, drawId: number, villageCode: string) {
  return assignmentsWithHouseholds(db)
    .where('households.draw_id', '=', drawId)
    .where('households.village_code', '=', villageCode)
    .orderBy('households.is_reserve')
    .orderBy('households.selection_order')
    .execute();
}

export async function listAssignmentsByDraw(db: Db, drawId: number) {
  return assignmentsWithHouseholds(db)
    .where('households.draw_id', '=', drawId)
    .orderBy('households.village_code')
    .orderBy('households.is_reserve')
    .orderBy('households.selection_order')
    .execute();
}

export async function findAssignmentById(db: Db, id: string) {
  return assignmentsWithHouseholds(db).where('assignments.id', '=', id).executeTakeFirst();
}

/**
 * What a surveyor needs to find the household: contact details joined only for the assigned surveyor, and the
 * names the frame gives the village, its commune and (on a four-level frame) the commune's district.
 */
export async function listAssignmentsBySurveyor(db: Db, surveyorId: number) {
  return (
    db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .innerJoin('household_contacts', 'household_contacts.household_id', 'households.id')
      .innerJoin('sample_units', (j) =>
        j
          .onRef('sample_units.draw_id', '=', 'households.draw_id')
          .onRef('sample_units.code', '=', 'households.village_code'),
      )
      .leftJoin('sample_units as commune', (j) =>
        j.onRef('commune.draw_id', '=', 'sample_units.draw_id').onRef('commune.code', '=', 'sample_units.parent_code'),
      )
      // On today's two-tier map a commune's parent is the province, which is no sample unit: no district.
      .leftJoin('sample_units as district', (j) =>
        j
          .onRef('district.draw_id', '=', 'commune.draw_id')
          .onRef('district.code', '=', 'commune.parent_code')
          .on('district.level', '=', 'district'),
      )
      .select([
        ...assignmentColumns,
        'household_contacts.head_name',
        'household_contacts.address',
        'household_contacts.phone',
        'sample_units.name as village_name',
        'commune.name as commune_name',
        'district.name as district_name',
      ])
      .where('assignments.surveyor_user_id', '=', surveyorId)
      .where('assignments.released_at', 'is not', null)
      .orderBy('households.village_code')
      .orderBy('households.is_reserve')
      .orderBy('households.selection_order')
      .execute()
  );
}

export async function assignVillageToSurveyor(
  db: Db,
  drawId: number,
  villageCode: string,
  surveyorId: number,
  at: string,
): Promise<number> {
  const ids = db
    .selectFrom('households')
    .select('id')
    .where('draw_id', '=', drawId)
    .where('village_code', '=', villageCode);
  const result = await db
    .updateTable('assignments')
    .set({ surveyor_user_id: surveyorId, assigned_at: at })
    .where('household_id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateDisposition(
  db: Db,
  id: string,
  d: {
    disposition: string;
    disposition_note: string | null;
    disposition_at: string;
    disposition_by: number | null;
    visits: number;
  },
): Promise<void> {
  await db.updateTable('assignments').set(d).where('id', '=', id).execute();
  await bumpResultGeneration(db, designScope);
}

export async function releaseAssignment(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('assignments')
    .set({ released_at: at })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .execute();
}

/**
 * What a draw's weights are computed from when they are read: every assignment with its household's list fields,
 * its outcome, and its interview's review state and respondent selection (null without an interview).
 */
export async function listAssignmentStatesByDraw(db: Db, drawId: number) {
  return db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .leftJoin('responses', 'responses.assignment_id', 'assignments.id')
    .select([
      'assignments.id',
      'households.village_code',
      'households.household_key',
      'households.listed_count',
      'households.eligible_adults',
      'assignments.released_at',
      'assignments.disposition',
      'responses.review_status',
      'responses.selection_method',
      'responses.selection_adults',
      'responses.selection_line',
    ])
    .where('households.draw_id', '=', drawId)
    .orderBy('households.village_code')
    .orderBy('households.is_reserve')
    .orderBy('households.selection_order')
    .execute();
}

/** Per village of a draw: households sampled (released), found out of scope, and interviewed. */
export async function listWeightClassesByDraw(db: Db, drawId: number) {
  return db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select((eb) => [
      'households.village_code',
      eb.fn.count<number>('assignments.id').as('sampled'),
      eb.fn
        .sum<number>(eb.case().when('assignments.disposition', '=', 'ineligible').then(1).else(0).end())
        .as('ineligible'),
      eb.fn
        .sum<number>(eb.case().when('assignments.disposition', '=', 'completed').then(1).else(0).end())
        .as('respondents'),
    ])
    .where('households.draw_id', '=', drawId)
    .where('assignments.released_at', 'is not', null)
    .groupBy('households.village_code')
    .orderBy('households.village_code')
    .execute();
}
