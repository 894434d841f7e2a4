// The migration for ratings from phones (20261207T0500-citizen-ratings): counters and their kiosk ratings come
// through unchanged (a new, empty link secret), the "at most once" keys hold, and down restores the old tables.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, tableNames, violates, type StepDatabase } from '../helpers/temp-database.js';

let step: StepDatabase;
beforeEach(async () => {
  step = await openStepDatabase('citizen-ratings-migration');
});
afterEach(async () => step.close());

const counters = async () => (await sql`select * from kiosk_counters order by id`.execute(step.db)).rows;
const responses = async () => (await sql`select * from responses order by seq`.execute(step.db)).rows;

describe('migration 20261207T0500-citizen-ratings', () => {
  it('keeps counters and ratings, and makes device-day, dossier and link unique keys', async () => {
    await step.migrateTo('20261207T0400-read-time-weights');
    await sql`insert into kiosk_counters (id, code, agency, field, location, survey_code, created_at)
      values (1, 'MC-1', 'UBND xã Tân Lập', 'Hộ tịch', null, 'kiosk-one-tap', '2026-11-01T00:00:00Z')`.execute(step.db);
    await sql`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json,
        content_hash, kiosk_counter_id, dossier_code, local_day)
      values ('r1', 'kiosk-one-tap', '2024.1', 'kiosk', '2026-11-02T01:00:00Z', '2026-11-02T01:00:01Z',
        '{"overall":3}', 'h1', 1, null, '2026-11-02')`.execute(step.db);
    const before = { counters: await counters(), responses: await responses() };

    await step.migrateTo('20261207T0500-citizen-ratings');
    // An invitation answer's group is a new column, empty on every response already stored.
    expect(await responses()).toEqual(before.responses.map((r) => ({ ...(r as object), respondent_group: null })));
    expect(await counters()).toEqual(before.counters.map((c) => ({ ...(c as object), link_secret: null })));
    await sql`insert into rating_device_days values (1, '2026-11-02', 'd1', 'r2')`.execute(step.db);
    await expect(
      sql`insert into rating_device_days values (1, '2026-11-02', 'd1', 'r3')`.execute(step.db),
    ).rejects.toThrow(violates.unique);
    await sql`insert into rating_dossiers values (1, 'H56-240315-0001', 'r2', 'qr', '2026-11-02T01:00:00Z')`.execute(
      step.db,
    );
    await expect(
      sql`insert into rating_dossiers values (1, 'H56-240315-0001', 'r3', 'link', '2026-11-02T02:00:00Z')`.execute(
        step.db,
      ),
    ).rejects.toThrow(violates.unique);

    await step.migrateTo('20261206T1400-plans');
    expect(await counters()).toEqual(before.counters);
    expect(await tableNames(step.db)).not.toContain('rating_links');
  });
});
