// Where rate-limit budgets (sign-in throttling, kiosk flood limits) are counted. On PostgreSQL every app process
// counts in the same table (rate-limiter-flexible's PostgreSQL store on rate_limits, migration
// 20261207T0300-rate-limits), so two processes behind a proxy give a guesser no more attempts than one. On SQLite,
// one process, the budgets stay in memory.
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Db } from './database.js';
import { poolOf } from './engine.js';

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

export type MakeLimiter = (opts: LimiterOptions) => RateLimiterAbstract;

export const inMemoryLimiter: MakeLimiter = (opts) => new RateLimiterMemory(opts);

export function limiterFactoryFor(db: Db): MakeLimiter {
  const pool = poolOf(db);
  if (!pool) return inMemoryLimiter;
  return (opts) =>
    new RateLimiterPostgres({
      ...opts,
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      // No timer per limiter: one hourly job prunes expired rows (services/maintenance/rate-limit-pruning.ts).
      clearExpiredByTimeout: false,
      // While the database is away, this process counts alone in memory (its requests answer 503 meanwhile).
      insuranceLimiter: new RateLimiterMemory(opts),
    });
}
