// Public surface of the scoring layer: SIPAS % satisfied, PAPI 1-10 scores and one-stop points per framework
// node, with linearised SEs (covariances included) and CIs, overall and by domain, and round-on-round changes.
export { scoreSurvey } from './score.js';
export { answerDomain, scoreByDomain, scoreByDomains } from './domains.js';
export type { DomainColumn, DomainScores, DomainTable } from './domains.js';
export { compareRounds, compareScores } from './compare.js';
export type { ScoreChange } from './compare.js';
export { numericAnswer, pointsColumn, rescaleIndicator, rescaledColumn, satisfiedColumn } from './item-values.js';
export { ratioEstimate } from './node-estimates.js';
export { xlogitInterval } from './intervals.js';
export { scoringTree } from './tree.js';
export type { ScoringNode, ScoringTree } from './tree.js';
export type {
  AnswerRecord,
  IntervalKind,
  NodeScore,
  RawEstimate,
  ScoreCiMethod,
  ScoreResult,
  ScoringInput,
  ScoringOptions,
} from './types.js';
