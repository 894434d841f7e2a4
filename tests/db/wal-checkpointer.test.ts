// The server's background WAL checkpointer (src/db/wal-checkpointer.ts): it copies the log back while the
// request thread writes, the log restarts instead of growing, and a worker that cannot start harms nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { onPostgres } from '../helpers/postgres.js';
import { startWalCheckpointer, type CheckpointReport } from '../../src/db/wal-checkpointer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'langnghe-wal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeBatches(db: Db, batches: number): Promise<void> {
  const filler = 'x'.repeat(3000);
  for (let b = 0; b < batches; b += 1) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i += 1)
        await trx
          .insertInto('app_settings')
          .values({ key: `k${b}-${i}`, value: filler })
          .execute();
    });
    await pause(5);
  }
}

describe.skipIf(onPostgres)('background WAL checkpointer (SQLite only)', () => {
  it('checkpoints what the request thread writes and lets SQLite restart the log', async () => {
    const path = join(dir, 'busy.db');
    const db = openDatabase(path, { backgroundCheckpoints: true });
    await migrateToLatest(db);
    const [setting] = (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows;
    expect(setting?.wal_autocheckpoint).toBe(4000);
    const reports: CheckpointReport[] = [];
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer(path, {
      intervalMs: 10,
      onCheckpoint: (r) => reports.push(r),
      onError: (e) => errors.push(e),
    });
    // About 10 pages a batch: far below the 4,000-page backstop, so every checkpoint here is the worker's.
    await writeBatches(db, 60);
    await checkpointer.stop();
    expect(errors).toEqual([]);
    const caughtUp = reports.filter((r) => (r.log ?? 0) > 0 && r.checkpointed === r.log);
    expect(caughtUp.length).toBeGreaterThan(0);
    const restarted = reports.some((r, i) => i > 0 && (r.log ?? 0) < (reports[i - 1]?.log ?? 0));
    expect(restarted).toBe(true);
    const largestLog = Math.max(...reports.map((r) => r.log ?? 0));
    expect(largestLog).toBeLessThan(600);
    const [count] = (await sql<{ n: number }>`select count(*) as n from app_settings where key like 'k%'`.execute(db))
      .rows;
    expect(count?.n).toBe(600);
    await db.destroy();
  });

  it('reports a worker that cannot open the database, and stops cleanly', async () => {
    const errors: string[] = [];
    const counts: CheckpointReport[] = [];
    const checkpointer = startWalCheckpointer(join(dir, 'absent', 'none.db'), {
      intervalMs: 10,
      onError: (e) => errors.push(e),
      onCheckpoint: (r) => counts.push(r),
    });
    await checkpointer.stop();
    expect(errors.some((e) => /unable to open|directory does not exist|no such file/i.test(e))).toBe(true);
    expect(counts).toEqual([]);
  });
});
