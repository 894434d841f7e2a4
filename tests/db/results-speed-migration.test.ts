// The migration for fast results (20261207T0200-results-speed): stored responses, kiosk ratings among them, come
// through unchanged with an empty `rating` (start-up fills it: tests/http/results.test.ts), the round and kiosk
// queries get their indexes, and down removes only what up added.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexNames, openStepDatabase, tableNames, violates, type StepDatabase } from '../helpers/temp-database.js';

let step: StepDatabase;
beforeEach(async () => {
  step = await openStepDatabase('results-speed-migration');
});
afterEach(async () => step.close());

const responses = async () =>
  (await sql<Record<string, unknown>>`select * from responses order by seq`.execute(step.db)).rows;
const indexes = async () => indexNames(step.db, 'responses');

describe('migration 20261207T0200-results-speed', () => {
  it('keeps every response as it was, adds rating, the indexes and the generations; down undoes exactly that', async () => {
    await step.migrateTo('20261206T1400-plans');
    await sql`insert into kiosk_counters (id, code, agency, field, location, survey_code, created_at)
      values (1, 'Q1', 'UBND', 'Tư pháp', null, 'kiosk-one-tap', '2026-11-01T00:00:00Z')`.execute(step.db);
    await sql`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json,
        content_hash, kiosk_counter_id, local_day)
      values ('a', 'kiosk-one-tap', '2024.1', 'kiosk', '2026-11-02T03:00:00Z', '2026-11-02T03:00:01Z',
              '{"overall":3}', 'h1', 1, '2026-11-02'),
             ('b', 'sipas-2024', '2024.1', 'import', '2026-11-02T04:00:00Z', '2026-11-02T04:00:01Z',
              '{"a_gender":1}', 'h2', null, null)`.execute(step.db);
    const before = await responses();
    const indexesBefore = await indexes();

    await step.migrateTo('20261207T0200-results-speed');
    expect(await responses()).toEqual(before.map((r) => ({ ...r, rating: null })));
    expect(await indexes()).toEqual(
      [...indexesBefore, 'responses_source_day_idx', 'responses_survey_completed_idx'].sort(),
    );
    await sql`insert into result_generations (scope, generation) values ('design', 1)`.execute(step.db);
    await expect(
      sql`insert into result_generations (scope, generation) values ('design', 2)`.execute(step.db),
    ).rejects.toThrow(violates.unique);

    await step.migrateTo('20261206T1400-plans');
    expect(await responses()).toEqual(before);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await tableNames(step.db)).not.toContain('result_generations');
  });
});
