// A draw's weights as they stand when read (domain/sampling/draw-weights.ts): every interviewed household's base
// weight, non-response factor, stratum and PSU, and what the results pages state about the weighting (how one adult
// per household is chosen, the non-response classes). Nothing here is stored: a submission writes its own rows only.
import type { AppContext } from '../../context.js';
import { listAssignmentStatesByDraw, listWeightClassesByDraw } from '../../db/queries/assignments.js';
import type { Db } from '../../db/database.js';
import type { WeightingStatement } from '../../domain/results/round-design.js';
import {
  certaintyRule,
  drawWeights,
  respondentSelectionRule,
  type AssignmentDesign,
  type DispositionCode,
  type DrawWeights,
} from '../../domain/sampling/index.js';
import { asReviewStatus, countsInEstimates } from '../../domain/review/review-status.js';
import { loadDraw } from '../sampling/frames-and-draws.js';

/** The draw's weights from its assignments' current state (one query; the draw itself is cached). */
export async function weightsOfDraw(ctx: AppContext, drawId: number, db: Db = ctx.db): Promise<DrawWeights> {
  const stored = await loadDraw(ctx, drawId, db);
  const rows = await listAssignmentStatesByDraw(db, drawId);
  return drawWeights(
    stored.draw,
    rows.map((a) => ({
      id: a.id,
      villageCode: a.village_code,
      householdKey: a.household_key,
      listedCount: a.listed_count,
      eligibleAdults: a.eligible_adults,
      released: a.released_at !== null,
      disposition: a.disposition as DispositionCode | null,
      rejected: a.review_status !== null && !countsInEstimates(asReviewStatus(a.review_status)),
      selection:
        a.review_status === null
          ? null
          : { method: a.selection_method, adults: a.selection_adults, line: a.selection_line },
    })),
    { certaintyUnits: certaintyRule(stored.plan), adultSelection: respondentSelectionRule(stored.plan) },
  );
}

/** The design columns a response bound to an assignment reads (null for one that is not weighted). */
export interface DrawDesignColumns {
  base_weight: number | null;
  nonresponse_factor: number | null;
  stratum: string | null;
  psu: string | null;
}

/** The weights of each draw a reader meets, computed once per draw for that reader (a page, a download). */
export type DrawWeightsOf = (drawId: number) => Promise<DrawWeights>;

export function drawWeightsReader(ctx: AppContext): DrawWeightsOf {
  const computed = new Map<number, Promise<DrawWeights>>();
  return (drawId) => {
    const known = computed.get(drawId);
    if (known) return known;
    const weights = weightsOfDraw(ctx, drawId);
    computed.set(drawId, weights);
    return weights;
  };
}

/** Stored responses with the design columns of their assignment's household (null when not bound or not weighted). */
export async function withDrawDesign<R extends { assignment_id: string | null; draw_id: number | null }>(
  rows: readonly R[],
  weightsOf: DrawWeightsOf,
): Promise<(R & DrawDesignColumns)[]> {
  const out: (R & DrawDesignColumns)[] = [];
  for (const r of rows) {
    const weights = r.draw_id === null || r.assignment_id === null ? null : await weightsOf(r.draw_id);
    const d: AssignmentDesign | undefined =
      r.assignment_id === null ? undefined : weights?.byAssignment.get(r.assignment_id);
    out.push({
      ...r,
      ...(d
        ? { base_weight: d.baseWeight, nonresponse_factor: d.nonresponseFactor, stratum: d.stratum, psu: d.psu }
        : { base_weight: null, nonresponse_factor: null, stratum: null, psu: null }),
    });
  }
  return out;
}

export async function weightingOfDraw(
  ctx: AppContext,
  drawId: number,
  weights?: DrawWeights,
): Promise<WeightingStatement> {
  const stored = await loadDraw(ctx, drawId);
  const classes = await listWeightClassesByDraw(ctx.db, drawId);
  const factors = new Map((weights ?? (await weightsOfDraw(ctx, drawId))).classes.map((c) => [c.weightClass, c]));
  return {
    adultSelection: respondentSelectionRule(stored.plan),
    nonresponseClasses: classes.map((c) => ({
      weightClass: c.village_code,
      sampled: Number(c.sampled),
      ineligible: Number(c.ineligible ?? 0),
      respondents: Number(c.respondents ?? 0),
      factor: factors.get(c.village_code)?.factor ?? null,
    })),
  };
}
