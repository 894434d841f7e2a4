// The migration giving invitation answers their round (20261208T0400-invitation-response-round): every response
// comes through unchanged with the new column; an invitation answer gets its round when exactly one round used its
// questionnaire and stays without one when several did; down restores the columns as they were.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnNames, openStepDatabase, type StepDatabase } from '../helpers/temp-database.js';

let step: StepDatabase;
beforeEach(async () => {
  step = await openStepDatabase('invitation-response-round');
});
afterEach(async () => step.close());

const responses = async () => (await sql`select * from responses order by seq`.execute(step.db)).rows;

async function response(id: string, survey: string, source: string): Promise<void> {
  await sql`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json,
      content_hash, local_day, respondent_group)
    values (${id}, ${survey}, '2024.1', ${source}, '2026-11-22T17:00:00.000Z', '2026-11-22T17:00:00.000Z', '{}',
      ${`h-${id}`}, '2026-11-23', ${source === 'invitation' ? 'g1' : null})`.execute(step.db);
}

describe('migration 20261208T0400-invitation-response-round', () => {
  it('keeps every response and gives invitation answers their round only when it is certain', async () => {
    await step.migrateTo('20261207T0500-citizen-ratings');
    await sql`insert into invitation_rounds (id, code, label, survey_code, survey_version, created_at)
      values (1, 'PAR-1', 'Một', 'par-officials', '2024.1', '2026-11-01T00:00:00Z'),
             (2, 'DEP-1', 'Hai', 'deputies', '2024.1', '2026-11-01T00:00:00Z'),
             (3, 'DEP-2', 'Ba', 'deputies', '2024.1', '2026-11-02T00:00:00Z')`.execute(step.db);
    await response('a', 'par-officials', 'invitation');
    await response('b', 'deputies', 'invitation');
    await response('c', 'par-officials', 'field');
    const before = await responses();

    await step.migrateTo('20261208T0400-invitation-response-round');
    const rounds = { a: 1, b: null, c: null } as Record<string, number | null>;
    expect(await responses()).toEqual(
      before.map((r) => ({ ...(r as object), invitation_round_id: rounds[(r as { id: string }).id] })),
    );

    await step.migrateTo('20261207T0500-citizen-ratings');
    expect(await responses()).toEqual(before);
    expect(await columnNames(step.db, 'responses')).not.toContain('invitation_round_id');
  });
});
