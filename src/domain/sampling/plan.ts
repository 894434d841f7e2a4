// The sampling plan: how many units each stage draws and which are taken with certainty, plus the
// within-village household stage. `papiDefaultPlan` is the PAPI design (papi.md §5.2).
import { z } from 'zod';

const count = z.number().int().min(1);

/** One area stage. `draw` counts the certainty seat too: the PAPI district stage draws 3 = capital + 2 PPS. */
export const areaStageSchema = z.strictObject({
  draw: count,
  /** 'seat': the parent's seat child (is_seat = 1) is taken with π = 1; 'none': PPS among all children. */
  certainty: z.enum(['seat', 'none']),
  /** Draw more when the parent unit (the province for districts) has at least this population. */
  drawIfPopulationAtLeast: z.strictObject({ population: z.number().int().min(1), draw: count }).optional(),
});

export const householdStageSchema = z
  .strictObject({
    respondents: count,
    reserves: z.number().int().min(0),
    minAge: z.number().int().min(0).max(120),
    maxAge: z.number().int().min(0).max(120),
  })
  .refine((h) => h.minAge <= h.maxAge, { message: 'minAge must not exceed maxAge', path: ['maxAge'] });

export const planSchema = z.strictObject({
  stages: z.strictObject({
    district: areaStageSchema,
    commune: areaStageSchema,
    village: areaStageSchema,
  }),
  household: householdStageSchema,
});

export type AreaStage = z.infer<typeof areaStageSchema>;
export type HouseholdStage = z.infer<typeof householdStageSchema>;
export type SamplingPlan = z.infer<typeof planSchema>;
export type AreaStageLevel = keyof SamplingPlan['stages'];

/** PAPI: 3 districts (6 from 2,000,000 people) with the capital certain; 2 communes and 2 villages with the
 * seat certain; 20 respondents aged 18-70 and 10 ordered reserves per village. */
export const papiDefaultPlan: SamplingPlan = planSchema.parse({
  stages: {
    district: { draw: 3, certainty: 'seat', drawIfPopulationAtLeast: { population: 2_000_000, draw: 6 } },
    commune: { draw: 2, certainty: 'seat' },
    village: { draw: 2, certainty: 'seat' },
  },
  household: { respondents: 20, reserves: 10, minAge: 18, maxAge: 70 },
});

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

/** The number of districts the plan draws in a province of this population. */
export function districtsToDraw(plan: SamplingPlan, provincePopulation: number): number {
  return stageDrawCount(plan.stages.district, provincePopulation);
}
