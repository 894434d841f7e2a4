// Public surface of the scoring layer: SIPAS % satisfied, PAPI 1-10 scores and one-stop points per framework
// node, with linearised SEs (covariances included) and CIs, overall and by domain, and round-on-round changes.
export { scorePrepared, scoreSurvey } from './score.js';
export { ItemCodes } from './item-codes.js';
export { answerDomain, scoreByDomain, scoreByDomains } from './domains.js';
export type { DomainColumn, DomainScores, DomainTable, ExcludedCount } from './domains.js';
export { compareRounds, compareScores, satterthwaiteDf } from './compare.js';
export type { ScoreChange } from './compare.js';
export { numericAnswer, pointsColumn, rescaleIndicator, rescaledColumn, satisfiedColumn } from './item-values.js';
export { ratioEstimate } from './node-estimates.js';
export { intervalMethodOf, nodeInterval } from './intervals.js';
export { coefficientOfVariation, designEffects, reliabilityOf, reliabilityRule } from './quality.js';
export { nodeScales } from './scales.js';
export type { Scale } from './scales.js';
export { scoringTree } from './tree.js';
export type { ScoringNode, ScoringTree } from './tree.js';
export type {
  AnswerRecord,
  NodeScore,
  RawEstimate,
  Reliability,
  ShareInterval,
  ScoreResult,
  ScoringInput,
  ScoringOptions,
} from './types.js';
