// The estimation engine's public surface: pure functions over in-memory columns (numbers with NaN for
// missing, dictionary-encoded categories), reproducing R's survey package (survey-statistics.md).
export { categorical, compareLevels, rowsByLevel, sortedLevels } from './columns.js';
export { createDesign, degreesOfFreedom } from './design.js';
export type { DesignInput, SurveyDesign } from './design.js';
export { calibrate, postStratify } from './calibration.js';
export type { CalibrateOptions, MarginInput } from './calibration.js';
export type { Calibration, CalibrationMethod } from './calibration-model.js';
export { domainScope, estimateMean, estimateTotal } from './estimators.js';
export type { DomainScope, Estimate } from './estimators.js';
export {
  betaInterval,
  BOUNDARY_TOLERANCE,
  boundaryEffectiveN,
  boundaryInterval,
  logitInterval,
  scaledLogitInterval,
  waldInterval,
} from './intervals.js';
export type { Interval, IntervalMethod } from './intervals.js';
export { svycipropBeta, svycipropLogit } from './svyciprop.js';
export { fitLogitIntercept } from './logit-glm.js';
export type { LogitFit } from './logit-glm.js';
export { covarianceOf, linearCombination } from './linear-combination.js';
export type { LinearCombination } from './linear-combination.js';
export { kish } from './kish.js';
export type { KishSummary } from './kish.js';
export { papiDimensionScore, papiSubDimensionScore, papiTotalScore, roundScore } from './papi-arithmetic.js';
export { qbeta, qnorm, qt } from './quantiles.js';
export { estimateTable } from './table.js';
export type { TableRequest, TableRow } from './table.js';
export { combineInfluences, covarianceMatrix, varianceOf } from './variance.js';
export type { Influence } from './variance.js';
export { EstimationError, lonelyPsuRules } from './types.js';
export type {
  CategoricalColumn,
  CiMethod,
  EstimationErrorCode,
  LonelyPsuRule,
  NumericColumn,
  Statistic,
} from './types.js';
