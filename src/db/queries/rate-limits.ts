// Pruning the shared rate-limit table (rate_limits): the library writes a row per key counted and reuses it only
// when the same key comes back, so without pruning one row per address or account ever seen stays for good.
import type { Db } from '../database.js';

/** Deletes the budgets that had reset by `nowMs` (wall-clock ms, as the library stamps them); returns how many. */
export async function deleteExpiredRateLimits(db: Db, nowMs: number): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expire', '<', nowMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
