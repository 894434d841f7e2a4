// Counters as the phone-rating hot path reads them, kept in memory after the first read: a counter row never
// changes once it has its link secret (counters are neither edited nor deleted; the secret is set once), so a
// cached row is never stale, and one without a secret yet is read again when a link needs it. Only counters that
// exist are kept (a flood of made-up codes fills nothing), one cache per database.
import type { AppContext } from '../../context.js';
import { findCounterByCode } from '../../db/queries/kiosk.js';

type CounterRow = NonNullable<Awaited<ReturnType<typeof findCounterByCode>>>;

const maxCounters = 10_000;
const caches = new WeakMap<object, Map<string, CounterRow>>();

/** The counter with this code (`withSecret`: its link secret must be current), or undefined. */
export async function cachedCounterByCode(
  ctx: AppContext,
  code: string,
  withSecret = false,
): Promise<CounterRow | undefined> {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  const hit = cache.get(code);
  if (hit && (!withSecret || hit.link_secret !== null)) return hit;
  const row = await findCounterByCode(ctx.db, code);
  if (!row) return undefined;
  if (cache.size >= maxCounters) cache.clear();
  cache.set(code, row);
  return row;
}
