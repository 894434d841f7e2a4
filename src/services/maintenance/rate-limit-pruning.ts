// Keeps the shared rate-limit table (rate_limits, PostgreSQL) to the budgets still counting: the library reuses
// an expired row only when its key comes back, so every address and account ever counted would stay otherwise.
// Runs beside session pruning as a background job (once per deployment); on SQLite the table is empty and the
// delete finds nothing.
import type { AppContext } from '../../context.js';
import { deleteExpiredRateLimits } from '../../db/queries/rate-limits.js';
import type { BackgroundJob } from './background-jobs.js';

/** Deletes budgets that had reset by `nowMs`; returns how many. */
export function pruneRateLimits(ctx: AppContext, nowMs: number): Promise<number> {
  return deleteExpiredRateLimits(ctx.db, nowMs);
}

/**
 * Prunes every `everyMs`. The time is the wall clock, not ctx.clock: the library stamps each row's expiry with
 * Date.now(). A failed run (the database away) is logged by the job runner and tried again next time.
 */
export const rateLimitPruningJob = (everyMs: number): BackgroundJob => ({
  name: 'rate-limit-pruning',
  everyMs,
  run: (ctx) => pruneRateLimits(ctx, Date.now()),
});
