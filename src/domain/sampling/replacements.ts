// Which non-response each released reserve of a village stands in for. Reserves are released strictly in order,
// one for each final non-response while reserves remain (nextReserveToRelease), so the k-th reserve released
// replaces the k-th household, in time order, that ended without an interview.
import { isFinalNonResponse, type DispositionCode } from './dispositions.js';

/** One household of a village as the replacement rule needs it (an ISO-8601 UTC time orders outcomes). */
export interface VillageCase<Id> {
  id: Id;
  role: 'primary' | 'reserve';
  order: number;
  /** null while a reserve is held back; primaries are released with the list. */
  releasedAt: string | null;
  disposition: DispositionCode | null;
  dispositionAt: string | null;
}

/** Outcomes in the order they were recorded; equal times (one transaction) fall back to primaries, then order. */
function byRecording<Id>(a: VillageCase<Id>, b: VillageCase<Id>): number {
  const at = (a.dispositionAt ?? '').localeCompare(b.dispositionAt ?? '');
  if (at !== 0) return at;
  if (a.role !== b.role) return a.role === 'primary' ? -1 : 1;
  return a.order - b.order;
}

/**
 * Maps each released reserve of one village to the household whose non-response released it.
 * @example
 *   replacedHouseholds([
 *     { id: 'p1', role: 'primary', order: 1, releasedAt: 't0', disposition: 'refused', dispositionAt: 't1' },
 *     { id: 'r1', role: 'reserve', order: 1, releasedAt: 't1', disposition: null, dispositionAt: null },
 *   ]) // → Map { 'r1' => 'p1' }
 */
export function replacedHouseholds<Id>(village: readonly VillageCase<Id>[]): Map<Id, Id> {
  const released = village
    .filter((c) => c.role === 'reserve' && c.releasedAt !== null)
    .sort((a, b) => a.order - b.order);
  const ended = village
    .filter((c) => c.releasedAt !== null && c.disposition !== null && isFinalNonResponse(c.disposition))
    .sort(byRecording);
  const pairs = new Map<Id, Id>();
  released.forEach((reserve, k) => {
    const cause = ended[k];
    if (cause !== undefined) pairs.set(reserve.id, cause.id);
  });
  return pairs;
}
