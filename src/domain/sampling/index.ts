// Public surface of the sampling domain: frame and household validation, the plan, PPS, the seeded area
// draw, household SRS with reserves, the non-response protocol and base weights.
export { createRng, seedState, splitmix64, xoshiro128ss } from './prng.js';
export type { Rng, Seed } from './prng.js';
export type { CsvRow, RowError } from './rows.js';
export { areaOfUnits } from './areas.js';
export {
  chainOfUnits,
  chainProblem,
  fourLevelChain,
  frameColumns,
  frameLevels,
  twoTierChain,
  validateFrame,
  frameRowErrors,
} from './frame.js';
export type {
  FrameChain,
  FrameError,
  FrameErrorCode,
  FrameLevel,
  FrameOptions,
  FrameResult,
  FrameUnit,
} from './frame.js';
export {
  areaStageSchema,
  certaintyRule,
  defaultPlanFor,
  districtsToDraw,
  householdStageSchema,
  papiDefaultPlan,
  planChainProblem,
  planLevels,
  planSchema,
  respondentSelectionRule,
  stageDrawCount,
  twoTierPlan,
} from './plan.js';
export type { AreaStage, AreaStageLevel, Certainty, HouseholdStage, SamplingPlan } from './plan.js';
export { ppsInclusionProbabilities, systematicPps } from './pps.js';
export type { PpsSelection } from './pps.js';
export { drawSample } from './draw.js';
export type { SampleDraw, SelectedUnit, SelectionReason } from './draw.js';
export { drawHouseholds, drawVillageHouseholds, householdColumns, validateHouseholdRows } from './households.js';
export type {
  Household,
  HouseholdDrawSize,
  HouseholdError,
  HouseholdErrorCode,
  HouseholdResult,
  HouseholdRole,
  SampledHousehold,
  VillageHouseholdDraw,
} from './households.js';
export {
  canReleaseReserve,
  dispositionCodes,
  dispositionLabel,
  dispositions,
  dispositionSchema,
  isFinalNonResponse,
  nextReserveToRelease,
  requiredVisitsForNotAtHome,
} from './dispositions.js';
export { checkOutcome, isDispositionCode, outcomeLimits } from './outcome-rules.js';
export type { OutcomeInput, OutcomeProblem, OutcomeProblemCode } from './outcome-rules.js';
export type {
  DispositionCode,
  DispositionOutcome,
  ReleaseDecision,
  ReleaseRefusal,
  ReserveAssignment,
} from './dispositions.js';
export { replacedHouseholds } from './replacements.js';
export type { VillageCase } from './replacements.js';
export { baseWeights, designVariables } from './weights.js';
export { responseRateRR1 } from './response-rate.js';
export type { DispositionTally, ResponseRate } from './response-rate.js';
export { nonresponseAdjustment, weightingOutcome } from './nonresponse.js';
export { drawWeights } from './draw-weights.js';
export type { AssignmentDesign, AssignmentState, DrawWeightOptions, DrawWeights } from './draw-weights.js';
export type { ClassAdjustment, SampledUnitWeight, WeightingOutcome } from './nonresponse.js';
export {
  householdSelectionKey,
  kishLine,
  kishTableFor,
  kishTables,
  nextBirthdayLine,
  selectionMethods,
  selectionProbability,
  selectionProblem,
} from './respondent-selection.js';
export type { BirthdayOfYear, KishTable, RespondentSelection, SelectionMethod } from './respondent-selection.js';
export type { CompletedRespondent, RespondentPath, WeightedRespondent, WeightInput, WeightOptions } from './weights.js';
export {
  communeTodayMap,
  provinceToday,
  crosswalkBreaks,
  crosswalkColumns,
  newCodesByOld,
  todayCommunes,
  validateCrosswalk,
} from './crosswalk.js';
export type {
  CrosswalkBreak,
  CrosswalkError,
  CrosswalkErrorCode,
  CrosswalkLink,
  CrosswalkResult,
} from './crosswalk.js';
