// Write transactions begin IMMEDIATE (src/db/database.ts): while another connection holds SQLite's write lock,
// a transaction that reads before it writes waits at BEGIN (asynchronously, up to busyWaitMs) instead of failing
// with SQLITE_BUSY at its first write; past the wait it fails with the catalogue's database_busy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { checkWritable, openDatabase, type Db } from '../../src/db/database.js';
import { DomainError } from '../../src/domain/errors.js';
import { holdWriteLock } from '../helpers/lock-holder.js';
import { onPostgres } from '../helpers/postgres.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { findSettingByKey, insertSettingIfAbsent } from '../../src/db/queries/settings.js';

let temp: TempDatabase;
let db: Db;
let path: string;
beforeAll(async () => {
  temp = await openTempDatabase('lock');
  ({ db, path } = temp);
});
afterAll(() => temp.close());

describe.skipIf(onPostgres)('write transactions (SQLite only: its single write lock)', () => {
  it("wait for another connection's write lock when they read before writing", async () => {
    const { released } = await holdWriteLock(path, 300);
    const started = Date.now();
    const seen = await inTransaction(db, async (trx) => {
      const before = await findSettingByKey(trx, 'mine');
      await insertSettingIfAbsent(trx, 'mine', 'here');
      return before;
    });
    await released;
    expect(seen).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await findSettingByKey(db, 'mine')).toBe('here');
    expect(await findSettingByKey(db, 'other')).toBe('process');
  });

  it('wait without blocking the event loop: timers fire and reads on the same connection answer meanwhile', async () => {
    const { released } = await holdWriteLock(path, 400, { mode: 'exclusive', key: 'other-2' });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const order: string[] = [];
    const write = inTransaction(db, (trx) => insertSettingIfAbsent(trx, 'mine-2', 'here')).then(() =>
      order.push('write'),
    );
    const read = findSettingByKey(db, 'mine').then(() => order.push('read'));
    await Promise.all([write, read]);
    clearInterval(timer);
    await released;
    expect(order).toEqual(['read', 'write']);
    expect(ticks).toBeGreaterThan(20);
  });

  it('wait the same way for a statement outside a transaction', async () => {
    const { released } = await holdWriteLock(path, 200, { key: 'other-3' });
    const started = Date.now();
    await insertSettingIfAbsent(db, 'mine-3', 'here');
    await released;
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await findSettingByKey(db, 'mine-3')).toBe('here');
  });
});

describe.skipIf(onPostgres)('a database another connection keeps locked, or that is full (SQLite only)', () => {
  it('fails a write with database_busy after busyWaitMs, and checkWritable says so at once', async () => {
    const short = openDatabase(path, { busyWaitMs: 150 });
    try {
      const { released } = await holdWriteLock(path, 1500, { mode: 'exclusive', key: 'other-4' });
      const started = Date.now();
      const probe = await checkWritable(short);
      expect(Date.now() - started).toBeLessThan(100);
      expect(probe?.code).toBe('database_busy');
      const failed = await inTransaction(short, (trx) => insertSettingIfAbsent(trx, 'never', 'x')).catch((e) => e);
      expect(failed).toBeInstanceOf(DomainError);
      expect(failed).toMatchObject({ code: 'database_busy', meta: { retryAfterSeconds: 5 } });
      expect(Date.now() - started).toBeLessThan(1000);
      await released;
      expect(await checkWritable(short)).toBeNull();
      expect(await findSettingByKey(short, 'never')).toBeUndefined();
    } finally {
      await short.destroy();
    }
  });

  it('answers storage_full when a write finds no room, and reports it until a write succeeds', async () => {
    const full = openDatabase(path);
    try {
      await sql`vacuum`.execute(full);
      const [pages] = (await sql<{ page_count: number }>`pragma page_count`.execute(full)).rows;
      await sql.raw(`pragma max_page_count = ${pages?.page_count ?? 0}`).execute(full);
      const big = 'x'.repeat(20_000);
      const failed = await inTransaction(full, (trx) => insertSettingIfAbsent(trx, 'big', big)).catch((e) => e);
      expect(failed).toMatchObject({ code: 'storage_full' });
      expect((await checkWritable(full))?.code).toBe('storage_full');
      await sql.raw('pragma max_page_count = 1073741823').execute(full);
      // A read or an empty transaction proves nothing; a stored row does.
      await inTransaction(full, async () => undefined);
      expect((await checkWritable(full))?.code).toBe('storage_full');
      await inTransaction(full, (trx) => insertSettingIfAbsent(trx, 'big', big));
      expect(await checkWritable(full)).toBeNull();
    } finally {
      await full.destroy();
    }
  });
});
