// The migration that lets a round choose the interval of its shares (20261206T1300-round-share-interval): rounds
// that existed keep the logit interval they were shown with, other values are refused, and it goes back down.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openStepDatabase, type StepDatabase, columnNames, violates } from '../helpers/temp-database.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('migration');
  db = step.db;
});
afterEach(async () => step.close());

describe('migration 20261206T1300-round-share-interval', () => {
  it('keeps existing rounds unchanged with the logit interval, refuses other methods, and goes back down', async () => {
    await step.migrateTo('20261206T0300-area-crosswalk');
    await sql`insert into rounds (code, label, survey_code, survey_version, draw_id, period_start, period_end,
      created_at, design, lonely_psu, calibration)
      values ('a', 'A', 'sipas-2024', '1', null, '2026-01-01', '2026-12-31', '2026-01-01', 'srs', 'remove', 'raking')`.execute(
      db,
    );
    const before = (await sql<Record<string, unknown>>`select * from rounds`.execute(db)).rows[0];
    await step.migrateTo('20261206T1300-round-share-interval');
    const after = (await sql<Record<string, unknown>>`select * from rounds`.execute(db)).rows[0];
    expect(after).toEqual({ ...before, share_interval: 'logit' });
    await sql`update rounds set share_interval = 'beta' where code = 'a'`.execute(db);
    await expect(sql`update rounds set share_interval = 'wald' where code = 'a'`.execute(db)).rejects.toThrow(
      violates.check,
    );
    await step.migrateTo('20261206T0300-area-crosswalk');
    const columns = await columnNames(db, 'rounds');
    expect(columns).not.toContain('share_interval');
    expect((await sql<Record<string, unknown>>`select * from rounds`.execute(db)).rows[0]).toEqual(before);
  });
});
