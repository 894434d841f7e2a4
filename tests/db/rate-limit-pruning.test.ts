// The shared rate-limit table is pruned: budgets that have reset go, budgets still counting stay and keep counting,
// whether the rows were written by the library (PostgreSQL's shared store) or are simply in the table (SQLite, where
// it stays empty in use). The server's hourly job prunes at once when it starts and stops with the context.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/bootstrap.js';
import { limiterFactoryFor } from '../../src/db/rate-limit-store.js';
import { pruneRateLimits, rateLimitPruningJob } from '../../src/services/maintenance/rate-limit-pruning.js';
import { startBackgroundJobs } from '../../src/services/maintenance/background-jobs.js';
import { createTestEnv, testConfig, type TestEnv } from '../helpers/context.js';
import { onPostgres } from '../helpers/postgres.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const keys = async (): Promise<string[]> =>
  (await env.ctx.db.selectFrom('rate_limits').select('key').orderBy('key').execute()).map((r) => r.key);

describe('pruning the shared rate-limit table', () => {
  it('deletes the budgets that have reset and keeps those still counting', async () => {
    const now = Date.now();
    await env.ctx.db
      .insertInto('rate_limits')
      .values([
        { key: 'login_pair:gone', points: 5, expire: now - 60_000 },
        { key: 'kiosk_hour:gone', points: 1, expire: now - 1 },
        { key: 'kiosk_hour:live', points: 3, expire: now + 3_600_000 },
        { key: 'kiosk_pair:forever', points: 1, expire: null },
      ])
      .execute();
    expect(await pruneRateLimits(env.ctx, now)).toBe(2);
    expect(await keys()).toEqual(['kiosk_hour:live', 'kiosk_pair:forever']);
    expect(await pruneRateLimits(env.ctx, now)).toBe(0);
    await env.ctx.db.deleteFrom('rate_limits').execute();
  });

  it.skipIf(!onPostgres)('prunes rows the store wrote, which counts on afterwards (PostgreSQL only)', async () => {
    const makeLimiter = limiterFactoryFor(env.ctx.db);
    const short = makeLimiter({ keyPrefix: 'prune_short', points: 2, duration: 1 });
    const long = makeLimiter({ keyPrefix: 'prune_long', points: 2, duration: 3600 });
    await short.consume('203.0.113.5');
    await long.consume('203.0.113.5');
    expect(await keys()).toEqual(['prune_long:203.0.113.5', 'prune_short:203.0.113.5']);
    // Two seconds on, the one-second budget has reset: its row goes, the hour's stays with its count.
    expect(await pruneRateLimits(env.ctx, Date.now() + 2_000)).toBe(1);
    expect(await keys()).toEqual(['prune_long:203.0.113.5']);
    expect((await long.get('203.0.113.5'))?.consumedPoints).toBe(1);
    expect((await long.consume('203.0.113.5')).remainingPoints).toBe(0);
    await expect(long.consume('203.0.113.5')).rejects.toMatchObject({ remainingPoints: 0 });
    expect((await short.consume('203.0.113.5')).remainingPoints).toBe(1);
    await env.ctx.db.deleteFrom('rate_limits').execute();
  });

  it('runs at once when the job starts, and not after it stops', async () => {
    const past = Date.now() - 1_000;
    await env.ctx.db.insertInto('rate_limits').values({ key: 'job:gone', points: 1, expire: past }).execute();
    const jobs = startBackgroundJobs(env.ctx, [rateLimitPruningJob(60_000)]);
    try {
      await expect.poll(keys, { timeout: 5_000 }).toEqual([]);
    } finally {
      await jobs.stop();
    }
    await env.ctx.db.insertInto('rate_limits').values({ key: 'job:after-stop', points: 1, expire: past }).execute();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await keys()).toEqual(['job:after-stop']);
    await env.ctx.db.deleteFrom('rate_limits').execute();
  });

  it("is started by a server's context (beside session pruning), on the same database", async () => {
    await env.ctx.db.insertInto('rate_limits').values({ key: 'server:gone', points: 1, expire: 1 }).execute();
    const database = env.ctx.config.databaseUrl ? { DATABASE_URL: env.ctx.config.databaseUrl } : {};
    const server = await createContext(testConfig(env.dir, database), { sessionPruneMs: 3_600_000 });
    try {
      await expect.poll(keys, { timeout: 5_000 }).toEqual([]);
    } finally {
      await server.destroy();
    }
  });
});
