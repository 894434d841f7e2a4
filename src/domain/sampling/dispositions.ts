// Non-response protocol: final disposition codes of a household assignment, and the rule that releases
// reserves strictly in order, one per primary (or released reserve) that ended without an interview.
import { z } from 'zod';
import { dispositions, type DispositionCode } from './disposition-codes.js';

export { dispositions, requiredVisitsForNotAtHome } from './disposition-codes.js';
export type { DispositionCode, DispositionOutcome } from './disposition-codes.js';
export const dispositionCodes = Object.keys(dispositions) as DispositionCode[];
export const dispositionSchema = z.enum(dispositionCodes as [DispositionCode, ...DispositionCode[]]);

export function dispositionLabel(code: DispositionCode, lang: 'vi' | 'en'): string {
  return dispositions[code][lang];
}

/**
 * Every disposition is final; all but `completed` are final non-response in the sense of the reserve rule
 * (an ineligible household is also replaced, so that the village still reaches its quota).
 */
export function isFinalNonResponse(code: DispositionCode): boolean {
  return code !== 'completed';
}

/** One household assignment of a village. `released` matters for reserves only (primaries are always out). */
export interface ReserveAssignment {
  role: 'primary' | 'reserve';
  order: number;
  released?: boolean;
  /** null while the assignment is open. */
  disposition: DispositionCode | null;
}

export type ReleaseRefusal =
  | 'release_out_of_order'
  | 'no_final_nonresponse'
  | 'no_reserve_left'
  | 'unknown_reserve'
  | 'already_released'
  | 'not_next_in_order';
export type ReleaseDecision = { ok: true; order: number } | { ok: false; reason: ReleaseRefusal; message: string };

const refuse = (reason: ReleaseRefusal, message: string): ReleaseDecision => ({ ok: false, reason, message });

/**
 * The reserve to release next in one village, or why none may be. Reserves go out strictly in order, and
 * only while the primaries and released reserves with a final non-response disposition outnumber the
 * reserves already released.
 * @example
 *   nextReserveToRelease([
 *     { role: 'primary', order: 1, disposition: 'refused' },
 *     { role: 'primary', order: 2, disposition: null },
 *     { role: 'reserve', order: 1, released: false, disposition: null },
 *   ]) // → { ok: true, order: 1 }
 */
export function nextReserveToRelease(assignments: readonly ReserveAssignment[]): ReleaseDecision {
  const reserves = assignments.filter((a) => a.role === 'reserve').sort((a, b) => a.order - b.order);
  const released = reserves.filter((r) => r.released === true);
  const firstHeld = reserves.findIndex((r) => r.released !== true);
  if (firstHeld >= 0 && released.some((r) => r.order > (reserves[firstHeld]?.order ?? 0))) {
    return refuse(
      'release_out_of_order',
      `Reserve ${reserves[firstHeld]?.order} was skipped: reserves must be released in order`,
    );
  }
  const held = reserves[firstHeld];
  if (held !== undefined && held.disposition !== null) {
    return refuse('release_out_of_order', `Reserve ${held.order} has a disposition but was never released`);
  }
  const out = assignments.filter((a) => a.role === 'primary' || a.released === true);
  const failed = out.filter((a) => a.disposition !== null && isFinalNonResponse(a.disposition)).length;
  if (failed <= released.length) {
    return refuse(
      'no_final_nonresponse',
      `${failed} assignment(s) ended without an interview and ${released.length} reserve(s) are already out; a reserve is released only after another final non-response`,
    );
  }
  if (held === undefined) return refuse('no_reserve_left', 'Every reserve of this village has been released');
  return { ok: true, order: held.order };
}

/** Whether the reserve with this order may be released now; the reason when not. */
export function canReleaseReserve(assignments: readonly ReserveAssignment[], order: number): ReleaseDecision {
  const target = assignments.find((a) => a.role === 'reserve' && a.order === order);
  if (target === undefined) return refuse('unknown_reserve', `There is no reserve ${order} in this village`);
  if (target.released === true) return refuse('already_released', `Reserve ${order} is already released`);
  const next = nextReserveToRelease(assignments);
  if (!next.ok) return next;
  if (next.order !== order)
    return refuse('not_next_in_order', `Reserve ${next.order} must be released before reserve ${order}`);
  return next;
}
