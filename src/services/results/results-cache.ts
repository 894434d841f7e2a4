// Results kept in memory per database, each under the stamp of the generations it was computed at
// (db/queries/result-generations.ts). A write that changes what a result reads bumps a generation in its own
// transaction, so a kept result is served exactly while nothing it depends on has changed, whichever process wrote.
import type { AppContext } from '../../context.js';
import { designScope, resultStamp, responsesScope } from '../../db/queries/result-generations.js';
import type { Db } from '../../db/database.js';

interface Entry {
  stamp: string;
  value: Promise<unknown>;
}

/** Enough for the rounds of a few indexes and their breakdowns; each entry holds figures, never microdata. */
const maxEntries = 200;
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * The scopes a round's figures depend on: its questionnaire's responses of each month of its period, and every
 * design-side change.
 */
export function roundScopes(round: { survey_code: string; period_start: string; period_end: string }): string[] {
  const scopes: string[] = [];
  let [year, month] = round.period_start.split('-').map(Number) as [number, number];
  const last = round.period_end.slice(0, 7);
  for (;;) {
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    if (ym > last) break;
    scopes.push(responsesScope(round.survey_code, ym));
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return [...scopes, designScope];
}

/**
 * The value kept under `key` when its scopes have not changed since it was computed, else `compute()` (kept).
 * The stamp is read before computing: a write landing meanwhile leaves an older stamp, so the next call computes
 * again. Callers share the value: they must not change it. A failed computation is not kept.
 */
export async function cachedResult<T>(
  ctx: AppContext,
  key: string,
  scopes: readonly string[],
  compute: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.db, cache);
  }
  const stamp = await resultStamp(ctx.db, scopes);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { stamp, value };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
