// A draw's weights computed when they are read: from what never changes once stored (the area π of the draw, the
// household list's size M, the interview's respondent selection) and the village's outcomes at the time of reading
// (n_v households sampled, who responded). A submission then writes its own rows and nothing else; this is the
// only place that turns the fieldwork state into base weights, non-response factors, strata and PSUs.
import type { DispositionCode } from './dispositions.js';
import type { SampleDraw } from './draw.js';
import { nonresponseAdjustment, weightingOutcome, type ClassAdjustment } from './nonresponse.js';
import { selectionProbability, type SelectionMethod } from './respondent-selection.js';
import { baseWeights, type CompletedRespondent } from './weights.js';

/** One assignment of the draw as stored: its household, its outcome and (interviewed) the respondent selection. */
export interface AssignmentState {
  id: string;
  villageCode: string;
  householdKey: string;
  /** M: households listed in the village (with an eligible adult). */
  listedCount: number;
  /** Eligible adults on the household list (used when the interview did not record its selection). */
  eligibleAdults: number;
  released: boolean;
  disposition: DispositionCode | null;
  /** The interview was rejected by a supervisor: a non-respondent in the weights, as in the estimates. */
  rejected: boolean;
  /** How the interview chose its respondent; null fields when it did not record it (e.g. an older app). */
  selection: { method: string | null; adults: number | null; line: number | null } | null;
}

/** The design variables of an interviewed household's respondent (null for every other assignment). */
export interface AssignmentDesign {
  baseWeight: number;
  /** The village's non-response factor; null when the village has no respondent to carry it. */
  nonresponseFactor: number | null;
  stratum: string;
  psu: string;
}

export interface DrawWeights {
  byAssignment: Map<string, AssignmentDesign>;
  /** One class per village with a sampled household, in order of first appearance. */
  classes: ClassAdjustment[];
}

export interface DrawWeightOptions {
  certaintyUnits: 'collapse' | 'exact';
  adultSelection: 'kish' | 'nearest_birthday' | 'none';
}

/**
 * Base weights (weights.ts) and weighting-class non-response factors (nonresponse.ts) of a draw's interviewed
 * households, village by village: n_v is the village's released assignments, its completes (not rejected) are the
 * respondents. The same numbers, to the last bit, as when they were stored at each submission.
 * @example drawWeights(draw, assignmentsOfTheDraw, { certaintyUnits: 'collapse', adultSelection: 'kish' })
 *   // byAssignment.get(id) → { baseWeight: 1 / (π_area · n_v/M · π_k|h), nonresponseFactor: f_v, stratum, psu }
 */
export function drawWeights(
  draw: Pick<SampleDraw, 'province' | 'units'>,
  assignments: readonly AssignmentState[],
  options: DrawWeightOptions,
): DrawWeights {
  const villages = new Map<string, AssignmentState[]>();
  for (const a of assignments) {
    const rows = villages.get(a.villageCode) ?? [];
    rows.push(a);
    villages.set(a.villageCode, rows);
  }
  const oneAdult = options.adultSelection !== 'none';
  const byAssignment = new Map<string, AssignmentDesign>();
  const classes: ClassAdjustment[] = [];
  for (const [villageCode, rows] of villages) {
    const sampled = rows.filter((a) => a.released);
    if (sampled.length === 0) continue;
    const completed = sampled.filter((a) => a.disposition === 'completed' && !a.rejected);
    const weighted =
      completed.length === 0
        ? []
        : baseWeights(
            {
              draw,
              villages: [{ villageCode, eligible: rows[0]?.listedCount ?? 0, sampled: sampled.length }],
              completed: completed.map((a): CompletedRespondent => ({
                id: a.id,
                villageCode,
                householdId: a.householdKey,
                ...(oneAdult ? withinHousehold(a) : {}),
              })),
            },
            {
              certaintyUnits: options.certaintyUnits,
              adultSelection: oneAdult ? 'one_per_household' : 'none',
            },
          );
    const householdWeight = weighted[0]?.householdWeight ?? 1;
    const [adjustment] = nonresponseAdjustment(
      sampled.map((a) => ({
        weightClass: villageCode,
        baseWeight: householdWeight,
        outcome: a.rejected ? 'nonrespondent' : weightingOutcome(a.disposition),
      })),
    );
    if (adjustment) classes.push(adjustment);
    for (const w of weighted)
      byAssignment.set(w.id, {
        baseWeight: w.weight,
        nonresponseFactor: adjustment?.factor ?? null,
        stratum: w.stratum,
        psu: w.psu,
      });
  }
  return { byAssignment, classes };
}

/**
 * The eligible adults and the chosen adult's probability: as the interview recorded them, else (an interview
 * sent without the selection) the household list's count with equal chances.
 */
function withinHousehold(a: AssignmentState): { eligibleAdults: number; selectionProbability?: number } {
  const s = a.selection;
  if (!s || s.adults === null || s.line === null || s.method === null)
    return { eligibleAdults: Math.max(1, a.eligibleAdults) };
  return {
    eligibleAdults: s.adults,
    selectionProbability: selectionProbability(s.method as SelectionMethod, s.adults, s.line),
  };
}
