import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-database.js';
import { onPostgres } from '../helpers/postgres.js';
import { createGroupCommit } from '../../src/db/group-commit.js';
import { insertSettingIfAbsent, findSettingByKey } from '../../src/db/queries/settings.js';

let temp: TempDatabase;
let db: Db;
beforeAll(async () => {
  temp = await openTempDatabase('group');
  db = temp.db;
});
afterAll(() => temp.close());

describe('group commit', () => {
  it('commits a batch together while a failing member rolls back only itself', async () => {
    const group = createGroupCommit(db);
    const effects: string[] = [];
    const results = await Promise.allSettled([
      group(async (trx, after) => {
        await insertSettingIfAbsent(trx, 'a', '1');
        after(() => effects.push('a'));
        return 'a';
      }),
      group(async (trx, after) => {
        await insertSettingIfAbsent(trx, 'b', '2');
        after(() => effects.push('b'));
        throw new Error('rejected');
      }),
      group(async (trx) => {
        await insertSettingIfAbsent(trx, 'c', '3');
        return 'c';
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await findSettingByKey(db, 'a')).toBe('1');
    expect(await findSettingByKey(db, 'b')).toBeUndefined();
    expect(await findSettingByKey(db, 'c')).toBe('3');
    expect(effects).toEqual(['a']);
  });

  it('lets later members of a batch see what earlier ones wrote', async () => {
    const group = createGroupCommit(db);
    const [kept, seen] = await Promise.all([
      group((trx) => insertSettingIfAbsent(trx, 'd', 'first')),
      group((trx) => insertSettingIfAbsent(trx, 'd', 'second')),
    ]);
    // On PostgreSQL the two are concurrent transactions: either may win, and both see the winner.
    expect(seen).toBe(onPostgres ? kept : 'first');
  });

  it('splits a long queue into batches and settles every member', async () => {
    const group = createGroupCommit(db, 4);
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) => group((trx) => insertSettingIfAbsent(trx, `k${i}`, String(i)))),
    );
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
  });
});

// A batch exists on SQLite only: on PostgreSQL each member is its own transaction (src/db/group-commit.ts).
describe.skipIf(onPostgres)('group commit (SQLite only) when the batch itself fails', () => {
  it('rolls back the whole batch and rejects every member, including those that had succeeded', async () => {
    const group = createGroupCommit(db);
    const results = await Promise.allSettled([
      group((trx) => insertSettingIfAbsent(trx, 'batch-ok', '1')),
      // Releasing the group's savepoint from inside a member makes the group's own RELEASE fail.
      group(async (trx) => {
        await insertSettingIfAbsent(trx, 'batch-breaker', '2');
        await trx.executeQuery(CompiledQuery.raw('release savepoint group_member'));
      }),
      group((trx) => insertSettingIfAbsent(trx, 'batch-never-ran', '3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const key of ['batch-ok', 'batch-breaker', 'batch-never-ran'])
      expect(await findSettingByKey(db, key)).toBeUndefined();
    expect(await group((trx) => insertSettingIfAbsent(trx, 'after', '4'))).toBe('4');
  });
});
