// Calibrating a round's design to population margins: post-stratification on one question, or raking on
// several, with the estimation engine's calibration (equal to R's postStratify and rake). Margins name
// questions and their answer codes; a respondent must have answered every calibration question.
import { calibrate, categorical, EstimationError, postStratify, type SurveyDesign } from '../estimation/index.js';
import type { AnswerValue } from '../questionnaire/index.js';

export type CalibrationMethod = 'none' | 'poststratify' | 'raking';

/** variable → level → population total, as uploaded (`variable,level,total`). */
export type MarginTable = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * The calibrated design, or the design itself with method 'none'. Throws EstimationError invalid_margins with
 * a clear message (a margin total for a level nobody answered, a level answered that has no total, margins
 * that disagree on the population size, post-stratification on more than one question).
 */
export function calibrateRound(
  design: SurveyDesign,
  answers: readonly Readonly<Record<string, AnswerValue>>[],
  method: CalibrationMethod,
  margins: MarginTable,
): SurveyDesign {
  if (method === 'none') return design;
  if (margins.size === 0) throw new EstimationError('invalid_margins', 'calibration needs population margins');
  const inputs = [...margins].map(([variable, totals]) => ({
    variable,
    totals,
    column: categorical(
      answers.map((a) => {
        const v = a[variable];
        return v === undefined || Array.isArray(v) ? null : String(v);
      }),
    ),
  }));
  if (method === 'poststratify') {
    if (inputs.length !== 1) {
      throw new EstimationError(
        'invalid_margins',
        `post-stratification uses one question; the margins name ${inputs.length} (${[...margins.keys()].join(', ')}): use raking for several`,
      );
    }
    return postStratify(design, inputs[0] as (typeof inputs)[number]);
  }
  return calibrate(design, inputs, 'raking');
}
