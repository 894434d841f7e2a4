// Constraint violations become catalogue errors in the transaction helpers (src/db/constraint-errors.ts): real
// SQLite violations through inTransaction and the group commit, and the PostgreSQL error shapes it already reads.
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { translateConstraintError } from '../../src/db/constraint-errors.js';
import { createGroupCommit } from '../../src/db/group-commit.js';
import { findCounterByCode, insertCounter, insertDevice } from '../../src/db/queries/kiosk.js';
import { insertSurveyVersion } from '../../src/db/queries/surveys.js';
import { inTransaction } from '../../src/db/transaction.js';
import { DomainError } from '../../src/domain/errors.js';
import { openTempDatabase } from '../helpers/temp-database.js';

const temp = await openTempDatabase('constraints');
const db: Db = temp.db;
afterAll(() => temp.close());

const counter = (code: string) => ({
  code,
  agency: 'UBND',
  field: 'Tư pháp',
  location: null,
  survey_code: 'one-stop-tt01',
  created_at: '2026-11-23T08:00:00.000Z',
});

const survey = (code: string, version: string) => ({
  code,
  version,
  kind: 'household',
  title_vi: 'Thử',
  title_en: null,
  definition_json: '{}',
  content_hash: 'h',
  loaded_at: '2026-11-23T08:00:00.000Z',
});

const write = (work: (trx: Db) => Promise<unknown>) => inTransaction(db, work);

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('constraint violations of the engine the tests run on', () => {
  it('answers a UNIQUE violation with already_exists naming the table and column, never the value', async () => {
    await write((trx) => insertCounter(trx, counter('Q-SECRET')));
    const err = await rejection(write((trx) => insertCounter(trx, counter('Q-SECRET'))));
    expect(err.code).toBe('already_exists');
    expect(err.details).toEqual([
      { field: 'code', constraint: 'kiosk_counters(code)', message: 'another kiosk_counters row has the same code' },
    ]);
    expect(JSON.stringify(err.details)).not.toContain('Q-SECRET');
  });

  it('names every column of a composite UNIQUE constraint', async () => {
    await write((trx) => insertSurveyVersion(trx, survey('s-uq', '1')));
    const err = await rejection(write((trx) => insertSurveyVersion(trx, survey('s-uq', '1'))));
    expect(err.code).toBe('already_exists');
    expect(err.details[0]).toMatchObject({ field: 'code, version', constraint: 'survey_definitions(code, version)' });
  });

  it('answers a FOREIGN KEY violation with reference_conflict', async () => {
    const err = await rejection(
      write((trx) => insertDevice(trx, { counter_id: 999_999, token_hash: 'fk', paired_at: 'now' })),
    );
    expect(err.code).toBe('reference_conflict');
  });

  it('rolls the whole transaction back', async () => {
    await write((trx) => insertCounter(trx, counter('Q-TRX')));
    const err = await rejection(
      inTransaction(db, async (trx) => {
        await insertCounter(trx, counter('Q-TRX-2'));
        await insertCounter(trx, counter('Q-TRX'));
      }),
    );
    expect(err.code).toBe('already_exists');
    expect(await findCounterByCode(db, 'Q-TRX-2')).toBeUndefined();
  });

  it('translates in the group commit, failing only the member that violated', async () => {
    const groupCommit = createGroupCommit(db);
    await write((trx) => insertCounter(trx, counter('Q-GROUP')));
    const [bad, good] = await Promise.allSettled([
      groupCommit((trx) => insertCounter(trx, counter('Q-GROUP'))),
      groupCommit((trx) => insertCounter(trx, counter('Q-GROUP-2'))),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'already_exists' } });
    expect(good.status).toBe('fulfilled');
    expect(await findCounterByCode(db, 'Q-GROUP-2')).toBeDefined();
  });
});

describe('translateConstraintError', () => {
  // The fields pg and postgres.js put on an error: SQLSTATE, table, constraint, and a detail with the key's values.
  const postgres = (code: string, constraint: string, detail: string) =>
    translateConstraintError({ code, table: 'kiosk_devices', constraint, detail });

  it('reads PostgreSQL unique (23505) and foreign key (23503) violations, without the values', () => {
    const unique = postgres('23505', 'kiosk_devices_token_hash_key', 'Key (token_hash)=(SECRET) already exists.');
    expect(unique?.code).toBe('already_exists');
    expect(unique?.details).toEqual([
      {
        field: 'token_hash',
        constraint: 'kiosk_devices(token_hash)',
        message: 'another kiosk_devices row has the same token_hash',
      },
    ]);
    const foreign = postgres(
      '23503',
      'kiosk_devices_counter_id_fkey',
      'Key (counter_id)=(5) is not present in table "kiosk_counters".',
    );
    expect(foreign?.code).toBe('reference_conflict');
    expect(foreign?.details[0]).toMatchObject({ field: 'counter_id', constraint: 'kiosk_devices(counter_id)' });
  });

  it('reads a SQLite unique index on an expression by its name', () => {
    const err = translateConstraintError({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: "UNIQUE constraint failed: index 'responses_day_uq'",
    });
    expect(err?.details[0]).toMatchObject({ constraint: 'responses_day_uq' });
  });

  it('leaves every other error alone', () => {
    expect(translateConstraintError(new Error('disk I/O error'))).toBeNull();
    expect(
      translateConstraintError({ code: 'SQLITE_CONSTRAINT_CHECK', message: 'CHECK constraint failed' }),
    ).toBeNull();
    expect(translateConstraintError({ code: '23514' })).toBeNull();
    expect(translateConstraintError('text')).toBeNull();
    expect(translateConstraintError(null)).toBeNull();
  });
});
