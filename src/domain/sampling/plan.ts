// The sampling plan: one area stage per level of the frame's chain below the province (how many units each
// draws and which are taken with certainty), the within-village household stage, and how certainty units
// enter the variance design. `papiDefaultPlan` is the PAPI design on a four-level frame (papi.md §5.2);
// `twoTierPlan` its counterpart on today's province > commune > village map (admin-units-2025.md).
import { z } from 'zod';
import type { FrameChain } from './frame.js';

const count = z.number().int().min(1);

/**
 * Which children a stage takes with π = 1 before the PPS draw: 'seat', the parent's seat child (is_seat = 1);
 * 'none'; or named units (by code, e.g. the wards of the provincial capital a province always surveys).
 */
export const certaintySchema = z.union([
  z.enum(['seat', 'none']),
  z.strictObject({ units: z.array(z.string().trim().min(1)).min(1) }),
]);

/** One area stage. `draw` counts the certainty units too: the PAPI district stage draws 3 = capital + 2 PPS. */
export const areaStageSchema = z.strictObject({
  draw: count,
  certainty: certaintySchema,
  /** Draw more when the parent unit (the province for districts) has at least this population. */
  drawIfPopulationAtLeast: z.strictObject({ population: z.number().int().min(1), draw: count }).optional(),
});

export const householdStageSchema = z
  .strictObject({
    respondents: count,
    reserves: z.number().int().min(0),
    minAge: z.number().int().min(0).max(120),
    maxAge: z.number().int().min(0).max(120),
    /**
     * How the one adult a household answers for is chosen on the phone: a Kish table or the nearest birthday
     * (the weight then multiplies by the inverse of that adult's selection probability), or 'none' when the
     * household is the unit. Plans stored before this option existed mean 'none'.
     */
    selection: z.enum(['kish', 'nearest_birthday', 'none']).optional(),
  })
  .refine((h) => h.minAge <= h.maxAge, { message: 'minAge must not exceed maxAge', path: ['maxAge'] });

/**
 * How certainty units enter the variance design (weights.ts): 'collapse' (the default) makes each top-most
 * certainty unit one pseudo-stratum and a village certain all the way down one PSU of it; 'exact' makes each
 * certainty unit its own stratum and the households of a certain village its PSUs.
 */
export const varianceSchema = z.strictObject({ certaintyUnits: z.enum(['collapse', 'exact']) });

export const planSchema = z.strictObject({
  /** One stage per level of the frame's chain below the province: no district stage on a two-tier frame. */
  stages: z.strictObject({
    district: areaStageSchema.optional(),
    commune: areaStageSchema,
    village: areaStageSchema,
  }),
  household: householdStageSchema,
  variance: varianceSchema.optional(),
});

export type Certainty = z.infer<typeof certaintySchema>;
export type AreaStage = z.infer<typeof areaStageSchema>;
export type HouseholdStage = z.infer<typeof householdStageSchema>;
export type SamplingPlan = z.infer<typeof planSchema>;
export type AreaStageLevel = keyof SamplingPlan['stages'];

/** PAPI: 3 districts (6 from 2,000,000 people) with the capital certain; 2 communes and 2 villages with the
 * seat certain; 20 households and 10 ordered reserves per village, one adult aged 18-70 in each by Kish table. */
export const papiDefaultPlan: SamplingPlan = planSchema.parse({
  stages: {
    district: { draw: 3, certainty: 'seat', drawIfPopulationAtLeast: { population: 2_000_000, draw: 6 } },
    commune: { draw: 2, certainty: 'seat' },
    village: { draw: 2, certainty: 'seat' },
  },
  household: { respondents: 20, reserves: 10, minAge: 18, maxAge: 70, selection: 'kish' },
});

/**
 * Two-tier PAPI-style plan for today's map: 6 communes (12 from 2,000,000 people) with the provincial seat's
 * ward certain, then 2 villages per commune with the commune seat certain: the same 12 (24) villages and 20
 * respondents each as the PAPI plan. Every number is the survey owner's to edit.
 */
export const twoTierPlan: SamplingPlan = planSchema.parse({
  stages: {
    commune: { draw: 6, certainty: 'seat', drawIfPopulationAtLeast: { population: 2_000_000, draw: 12 } },
    village: { draw: 2, certainty: 'seat' },
  },
  household: { respondents: 20, reserves: 10, minAge: 18, maxAge: 70, selection: 'kish' },
});

/** The area levels a plan draws, top-down. */
export function planLevels(plan: SamplingPlan): AreaStageLevel[] {
  return (['district', 'commune', 'village'] as const).filter((l) => plan.stages[l] !== undefined);
}

/** Why a plan cannot draw from a frame with this chain (a stage missing or to spare), or null. */
export function planChainProblem(plan: SamplingPlan, chain: FrameChain): string | null {
  const wanted = chain.slice(1).join(' > ');
  const has = planLevels(plan).join(' > ');
  return wanted === has ? null : `the frame's levels below the province are ${wanted}, the plan's stages are ${has}`;
}

/** The plan offered for a frame: PAPI's on a four-level frame, the two-tier plan on today's map. */
export function defaultPlanFor(chain: FrameChain): SamplingPlan {
  return chain.includes('district') ? papiDefaultPlan : twoTierPlan;
}

/** How a household's respondent is chosen (householdStageSchema's `selection`); 'none' for older plans. */
export function respondentSelectionRule(plan: SamplingPlan): 'kish' | 'nearest_birthday' | 'none' {
  return plan.household.selection ?? 'none';
}

/** The variance rule for certainty units (see varianceSchema); plans stored before it existed collapse. */
export function certaintyRule(plan: SamplingPlan): 'collapse' | 'exact' {
  return plan.variance?.certaintyUnits ?? 'collapse';
}

/**
 * The number of children a stage draws under a parent of the given population (seat included).
 * @example
 *   stageDrawCount(papiDefaultPlan.stages.district, 1_999_999) // 3
 *   stageDrawCount(papiDefaultPlan.stages.district, 2_000_000) // 6
 */
export function stageDrawCount(stage: AreaStage, parentPopulation: number): number {
  const rule = stage.drawIfPopulationAtLeast;
  return rule !== undefined && parentPopulation >= rule.population ? rule.draw : stage.draw;
}

/** The number of first-stage units (districts, or communes on a two-tier frame) drawn in a province. */
export function districtsToDraw(plan: SamplingPlan, provincePopulation: number): number {
  return stageDrawCount(plan.stages.district ?? plan.stages.commune, provincePopulation);
}
