// The migration that stops storing weights (20261207T0400-read-time-weights): a database whose assignments and
// responses carry the weights the old code wrote at each submission migrates with every other column intact, and
// the weights read from the draw afterwards are those it had stored, to the last bit; down gives the columns back.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { selectionProbability, twoTierPlan } from '../../src/domain/sampling/index.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { openStepDatabase, type StepDatabase } from '../helpers/temp-database.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('read-time-weights');
  db = step.db;
});
afterEach(async () => step.close());

// The latest migration before this one that changes responses or assignments.
const before = '20261207T0200-results-speed';
const after = '20261207T0400-read-time-weights';

// A PPS commune (π 0.5) and its PPS village (π 0.4), 50 listed households, 3 sampled: two interviews, one refusal.
const householdWeight = 1 / (0.5 * 0.4 * (3 / 50));
const kishWeight = householdWeight / selectionProbability('kish', 3, 2);
const listedWeight = householdWeight * 2;

async function seedWeightedDraw(): Promise<void> {
  await sql`insert into frames (name, province_code, content_hash, imported_at) values ('f', 'P', 'h', '2026-01-01')`.execute(
    db,
  );
  await sql`insert into sample_draws (frame_id, plan_json, seed, created_at)
      values (1, ${JSON.stringify(twoTierPlan)}, '7', '2026-01-01')`.execute(db);
  await sql`insert into sample_units (draw_id, position, level, code, name, parent_code, certainty, pi, pi_cumulative)
      values (1, 1, 'commune', 'C1', 'Xã 1', 'P', 0, 0.5, 0.5), (1, 2, 'village', 'V1', 'Thôn 1', 'C1', 0, 0.4, 0.2)`.execute(
    db,
  );
  for (const [k, reserve] of [0, 0, 0, 1].entries())
    await sql`insert into households (draw_id, village_code, household_key, eligible_adults, listed_count, is_reserve,
        selection_order, probability, imported_at)
        values (1, 'V1', ${`H${k + 1}`}, 2, 50, ${reserve}, ${k + 1}, 0.06, '2026-01-01')`.execute(db);
  await sql`insert into assignments (id, household_id, released_at, visits, disposition, base_weight, nonresponse_factor,
      stratum, psu) values
      ('a1', 1, '2026-01-01', 1, 'completed', ${kishWeight}, 1.5, 'P:P', 'C:C1'),
      ('a2', 2, '2026-01-01', 1, 'completed', ${listedWeight}, 1.5, 'P:P', 'C:C1'),
      ('a3', 3, '2026-01-01', 1, 'refused', null, null, null, null),
      ('a4', 4, null, 0, null, null, null, null, null)`.execute(db);
  await sql`insert into responses (id, survey_code, survey_version, source, assignment_id, completed_at, received_at,
      answers_json, content_hash, stratum, psu, base_weight, nonresponse_factor, selection_method, selection_adults,
      selection_line) values
      ('r1', 'papi-2024', '2024.1', 'field', 'a1', '2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z', '{"q":1}', 'h1',
        'P:P', 'C:C1', ${kishWeight}, 1.5, 'kish', 3, 2),
      ('r2', 'papi-2024', '2024.1', 'field', 'a2', '2026-03-01T03:00:00Z', '2026-03-01T04:00:00Z', '{"q":2}', 'h2',
        'P:P', 'C:C1', ${listedWeight}, 1.5, null, null, null)`.execute(db);
}

const rowsOf = async (table: 'assignments' | 'responses') =>
  (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)).rows;
const without = (rows: Record<string, unknown>[]) =>
  rows.map(({ base_weight: _w, nonresponse_factor: _f, stratum: _s, psu: _p, ...rest }) => rest);

describe(`migration ${after}`, () => {
  it('drops the stored copies, keeps every other column, and the draw gives back the stored weights', async () => {
    await step.migrateTo(before);
    await seedWeightedDraw();
    const assignments = await rowsOf('assignments');
    const responses = await rowsOf('responses');
    await step.migrateTo(after);
    expect(await rowsOf('assignments')).toEqual(without(assignments));
    expect(await rowsOf('responses')).toEqual(without(responses));
    // weightsOfDraw reads nothing of its context but the database.
    const read = await weightsOfDraw({ db } as unknown as AppContext, 1);
    for (const stored of assignments.filter((a) => a['base_weight'] !== null))
      expect(read.byAssignment.get(String(stored['id']))).toEqual({
        baseWeight: stored['base_weight'],
        nonresponseFactor: stored['nonresponse_factor'],
        stratum: stored['stratum'],
        psu: stored['psu'],
      });
    expect([...read.byAssignment.keys()].sort()).toEqual(['a1', 'a2']);
    expect(read.classes.map((c) => [c.weightClass, c.sampled, c.respondents, c.factor])).toEqual([['V1', 3, 2, 1.5]]);
  });

  it('goes back down with the columns empty and the rest of the data intact', async () => {
    await step.migrateTo(before);
    await seedWeightedDraw();
    const responses = await rowsOf('responses');
    await step.migrateTo(after);
    await step.migrateTo(before);
    const back = await rowsOf('responses');
    expect(without(back)).toEqual(without(responses));
    expect(back.map((r) => [r['base_weight'], r['nonresponse_factor'], r['stratum'], r['psu']])).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
  });
});
