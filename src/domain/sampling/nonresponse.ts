// Non-response adjustment within weighting classes: the respondents of a class carry the base weight of the
// class's eligible sampled units that did not respond. Households found out of scope (ineligible) are removed
// from the class, not spread over it.
import { dispositions, type DispositionCode } from './dispositions.js';

/** respondent: interviewed; nonrespondent: eligible (or not known yet), not interviewed; ineligible: out of scope. */
export type WeightingOutcome = 'respondent' | 'nonrespondent' | 'ineligible';

/**
 * A sampled unit's part in the adjustment. An open assignment (null: fieldwork still going on) counts as an
 * eligible non-respondent, so that weights during fieldwork already stand for the whole village.
 */
export function weightingOutcome(disposition: DispositionCode | null): WeightingOutcome {
  if (disposition === null) return 'nonrespondent';
  const outcome = dispositions[disposition].outcome;
  return outcome === 'interview' ? 'respondent' : outcome === 'ineligible' ? 'ineligible' : 'nonrespondent';
}

export interface SampledUnitWeight {
  weightClass: string;
  /** The unit's base weight before any adjustment (for households: before the within-household factor). */
  baseWeight: number;
  outcome: WeightingOutcome;
}

export interface ClassAdjustment {
  weightClass: string;
  sampled: number;
  ineligible: number;
  /** Eligible sampled units: respondents and non-respondents. */
  eligible: number;
  respondents: number;
  /** Σ base weights of the eligible sampled units, and of the respondents. */
  eligibleWeight: number;
  respondentWeight: number;
  /** eligibleWeight / respondentWeight (≥ 1); null when the class has no respondent (nothing to carry it). */
  factor: number | null;
}

/**
 * The weighting-class adjustment factor of each class, in order of first appearance:
 *   f_c = Σ_{eligible sampled in c} d_i / Σ_{respondents in c} d_i
 * A respondent's adjusted weight is d_i · f_c, so the respondents of c add up to the eligible sampled units' Σ d.
 * @example
 *   nonresponseAdjustment([
 *     { weightClass: 'V1', baseWeight: 5, outcome: 'respondent' },
 *     { weightClass: 'V1', baseWeight: 5, outcome: 'nonrespondent' },
 *     { weightClass: 'V1', baseWeight: 5, outcome: 'ineligible' },
 *   ]) // → [{ weightClass: 'V1', eligible: 2, respondents: 1, factor: 2, … }]
 */
export function nonresponseAdjustment(units: readonly SampledUnitWeight[]): ClassAdjustment[] {
  const classes = new Map<string, ClassAdjustment>();
  for (const u of units) {
    if (!(u.baseWeight > 0) || !Number.isFinite(u.baseWeight))
      throw new RangeError(`a base weight must be positive and finite, got ${u.baseWeight} in class ${u.weightClass}`);
    const c = classes.get(u.weightClass) ?? {
      weightClass: u.weightClass,
      sampled: 0,
      ineligible: 0,
      eligible: 0,
      respondents: 0,
      eligibleWeight: 0,
      respondentWeight: 0,
      factor: null,
    };
    c.sampled += 1;
    if (u.outcome === 'ineligible') c.ineligible += 1;
    else {
      c.eligible += 1;
      c.eligibleWeight += u.baseWeight;
      if (u.outcome === 'respondent') {
        c.respondents += 1;
        c.respondentWeight += u.baseWeight;
      }
    }
    classes.set(u.weightClass, c);
  }
  return [...classes.values()].map((c) => ({
    ...c,
    factor: c.respondents === 0 ? null : c.eligibleWeight / c.respondentWeight,
  }));
}
