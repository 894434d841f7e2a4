// Keeps the shared rate-limit table (rate_limits, PostgreSQL) to the budgets still counting: the library reuses
// an expired row only when its key comes back, so every address and account ever counted would stay otherwise.
// Runs beside session pruning (hourly in the server); on SQLite the table is empty and the delete finds nothing.
import type { AppContext } from '../../context.js';
import { deleteExpiredRateLimits } from '../../db/queries/rate-limits.js';

/** Deletes budgets that had reset by `nowMs`; returns how many. */
export function pruneRateLimits(ctx: AppContext, nowMs: number): Promise<number> {
  return deleteExpiredRateLimits(ctx.db, nowMs);
}

export interface RateLimitPruner {
  stop(): void;
}

/**
 * Prunes now and then every `intervalMs`. The time is the wall clock, not ctx.clock: the library stamps each row's
 * expiry with Date.now(). A failed run (the database away) is reported and tried again next time.
 */
export function startRateLimitPruning(
  ctx: AppContext,
  intervalMs: number,
  onError: (error: string) => void,
): RateLimitPruner {
  const run = (): void => {
    pruneRateLimits(ctx, Date.now()).catch((err: unknown) => onError(String((err as Error)?.message ?? err)));
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
