// The migration that adds one-time enrolment codes (20261206T1100-enrolment-codes): accounts and their API
// tokens come through unchanged, codes go with their account, and down removes the table only.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase, tableNames, violates } from '../helpers/temp-database.js';

let step: StepDatabase;
beforeEach(async () => {
  step = await openStepDatabase('enrolment-migration');
});
afterEach(async () => step.close());

const usersAndTokens = async () => ({
  users: (await sql`select * from users order by id`.execute(step.db)).rows,
  tokens: (await sql`select * from api_tokens order by id`.execute(step.db)).rows,
});

describe('migration 20261206T1100-enrolment-codes', () => {
  it('keeps accounts and tokens as they were, and removes codes with their account', async () => {
    await step.migrateTo('20261206T0300-area-crosswalk');
    await sql`insert into users (id, username, display_name, role, password_hash, created_at)
      values (1, 'lan', 'Lan', 'surveyor', 'h1', '2026-11-01T00:00:00Z'),
             (2, 'an', 'An', 'admin', 'h2', '2026-11-01T00:00:00Z')`.execute(step.db);
    await sql`insert into api_tokens (token_hash, user_id, created_at, expires_at, device)
      values ('t1', 1, '2026-11-02T00:00:00Z', '2026-12-02T00:00:00Z', 'Pixel 7')`.execute(step.db);
    const before = await usersAndTokens();

    await step.migrateTo('20261206T1100-enrolment-codes');
    expect(await usersAndTokens()).toEqual(before);
    await sql`insert into enrolment_codes (code_hash, user_id, created_by, created_at, expires_at)
      values ('c1', 1, 2, '2026-11-03T00:00:00Z', '2026-11-03T00:15:00Z')`.execute(step.db);
    await expect(
      sql`insert into enrolment_codes (code_hash, user_id, created_at, expires_at)
        values ('c1', 1, '2026-11-03T00:00:00Z', '2026-11-03T00:15:00Z')`.execute(step.db),
    ).rejects.toThrow(violates.unique);
    // An admin who made a code may leave; the code stays with its surveyor.
    await sql`delete from users where id = 2`.execute(step.db);
    expect((await sql`select created_by from enrolment_codes`.execute(step.db)).rows).toEqual([{ created_by: null }]);
    await sql`delete from api_tokens`.execute(step.db);
    await sql`delete from users where id = 1`.execute(step.db);
    expect((await sql`select count(*) as n from enrolment_codes`.execute(step.db)).rows).toEqual([{ n: 0 }]);

    await step.migrateTo('20261206T0300-area-crosswalk');
    expect(await tableNames(step.db)).not.toContain('enrolment_codes');
  });
});
