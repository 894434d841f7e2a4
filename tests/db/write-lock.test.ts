// Write transactions begin IMMEDIATE (src/db/database.ts): while another connection holds SQLite's write lock,
// a transaction that reads before it writes waits at BEGIN for the busy timeout instead of failing with
// SQLITE_BUSY at its first write.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
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

/** Another process takes the write lock, says "locked", holds it for `ms`, writes and commits. */
function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(path)});
    db.exec('begin immediate');
    db.prepare("insert into app_settings (key, value) values ('other', 'process')").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('commit');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
  return new Promise((resolve) => child.stdout.once('data', () => resolve({ released })));
}

describe('write transactions', () => {
  it("wait for another connection's write lock when they read before writing", async () => {
    const { released } = await holdWriteLock(300);
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
});
