// What a draw's weights rest on beyond the selection probabilities: how one adult per household is chosen,
// and the non-response weighting classes (its villages) with their factors, as the results pages state them.
import type { AppContext } from '../../context.js';
import { listWeightClassesByDraw } from '../../db/queries/assignments.js';
import type { WeightingStatement } from '../../domain/results/round-design.js';
import { respondentSelectionRule } from '../../domain/sampling/index.js';
import { loadDraw } from '../sampling/frames-and-draws.js';

export async function weightingOfDraw(ctx: AppContext, drawId: number): Promise<WeightingStatement> {
  const stored = await loadDraw(ctx, drawId);
  const classes = await listWeightClassesByDraw(ctx.db, drawId);
  return {
    adultSelection: respondentSelectionRule(stored.plan),
    nonresponseClasses: classes.map((c) => ({
      weightClass: c.village_code,
      sampled: Number(c.sampled),
      ineligible: Number(c.ineligible ?? 0),
      respondents: Number(c.respondents ?? 0),
      factor: c.factor === null ? null : Number(c.factor),
    })),
  };
}
