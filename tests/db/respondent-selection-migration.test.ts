// The migration that records the within-household selection and the non-response factor
// (20261206T1200-respondent-selection): existing assignments and responses keep their weights and design variables
// (a missing factor reads as 1, so estimates do not move), the new columns refuse impossible values, and migrating
// down gives the old shape back with the data intact.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { designOf, type DesignRow } from '../../src/domain/results/round-design.js';
import { openStepDatabase, type StepDatabase, columnNames, violates } from '../helpers/temp-database.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('migration');
  db = step.db;
});
afterEach(async () => step.close());

const before = '20261206T0300-area-crosswalk';
const after = '20261206T1200-respondent-selection';

async function seedWeightedInterview(): Promise<void> {
  await sql`insert into frames (name, province_code, content_hash, imported_at) values ('f', 'P', 'h', '2026-01-01')`.execute(
    db,
  );
  await sql`insert into sample_draws (frame_id, plan_json, seed, created_at) values (1, '{}', '1', '2026-01-01')`.execute(
    db,
  );
  await sql`insert into households (draw_id, village_code, household_key, eligible_adults, listed_count, is_reserve,
      selection_order, probability, imported_at) values (1, 'V1', 'H1', 3, 50, 0, 1, 0.4, '2026-01-01')`.execute(db);
  await sql`insert into assignments (id, household_id, released_at, disposition, base_weight, stratum, psu)
      values ('a1', 1, '2026-01-01', 'completed', 62.5, 'P:P', 'C:C1')`.execute(db);
  await sql`insert into responses (id, survey_code, survey_version, source, assignment_id, completed_at, received_at,
      answers_json, content_hash, stratum, psu, base_weight)
      values ('r1', 'papi-2024', '2024.1', 'field', 'a1', '2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z', '{}', 'h1',
      'P:P', 'C:C1', 62.5)`.execute(db);
}

describe(`migration ${after}`, () => {
  it('keeps existing weights and design variables, with no factor (read as 1) and no selection', async () => {
    await step.migrateTo(before);
    await seedWeightedInterview();
    await step.migrateTo(after);
    const assignment = await db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow();
    expect(assignment).toMatchObject({ base_weight: 62.5, nonresponse_factor: null, stratum: 'P:P', psu: 'C:C1' });
    const response = await db.selectFrom('responses').selectAll().executeTakeFirstOrThrow();
    expect(response).toMatchObject({
      base_weight: 62.5,
      nonresponse_factor: null,
      selection_method: null,
      selection_adults: null,
      selection_line: null,
    });
    // At this step a response still has the design columns that 20261207T0400 drops (the schema type has not).
    const design = designOf([response as unknown as DesignRow], [{}], { kind: 'sample', lonelyPsu: 'adjust' });
    expect(design.rows[0]).toEqual({
      baseWeight: 62.5,
      nonresponseFactor: 1,
      weight: 62.5,
      stratum: 'P:P',
      psu: 'C:C1',
    });
  });

  it('refuses an unknown method, no adults, and a factor below 1', async () => {
    await step.migrateTo(after);
    await seedWeightedInterview();
    await expect(sql`update responses set selection_method = 'coin'`.execute(db)).rejects.toThrow(violates.check);
    await expect(sql`update responses set selection_adults = 0`.execute(db)).rejects.toThrow(violates.check);
    await expect(sql`update assignments set nonresponse_factor = 0.5`.execute(db)).rejects.toThrow(violates.check);
    await sql`update responses set selection_method = 'kish', selection_adults = 3, selection_line = 2,
      nonresponse_factor = 1.25`.execute(db);
    expect(await db.selectFrom('responses').select('selection_line').executeTakeFirstOrThrow()).toEqual({
      selection_line: 2,
    });
  });

  it('goes back down with the data intact', async () => {
    await step.migrateTo(before);
    await seedWeightedInterview();
    await step.migrateTo(after);
    await step.migrateTo(before);
    const columns = async (table: string) => await columnNames(db, table);
    expect(await columns('responses')).not.toContain('selection_method');
    expect(await columns('assignments')).not.toContain('nonresponse_factor');
    const row = await sql<{ base_weight: number; psu: string }>`select base_weight, psu from responses`.execute(db);
    expect(row.rows).toEqual([{ base_weight: 62.5, psu: 'C:C1' }]);
  });
});
