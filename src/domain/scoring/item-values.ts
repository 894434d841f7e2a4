// Per-respondent numeric values of a measured item, as the scoring block defines them: SIPAS 1/0 satisfied,
// PAPI indicator value rescaled to [rescale.min, rescale.max], one-stop points. NaN = left out of the item's
// denominator (not asked, unanswered, or a missing-data code the block excludes).
import { EstimationError } from '../estimation/index.js';
import type { AnswerValue, Field, MissingKind, Scoring } from '../questionnaire/index.js';
import type { AnswerRecord } from './types.js';

/** An answer as a number: codes and numeric answers; NaN for absent, text that is not a number, or a list. */
export function numericAnswer(answer: AnswerValue | null | undefined): number {
  if (typeof answer === 'number') return Number.isFinite(answer) ? answer : NaN;
  if (typeof answer === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(answer)) return Number(answer);
  return NaN;
}

/**
 * Rescales an indicator value x on its theoretical range [a, b] to [lo, hi] (PAPI: [1, 10]), clamping x into
 * [a, b] first: polarity 1 gives lo + (hi − lo)·(x − a)/(b − a), polarity −1 the mirror lo + (hi − lo)·(b − x)/(b − a).
 * @example rescaleIndicator(0.25, [0, 1], 1, [1, 10]) // 3.25; with polarity −1: 7.75
 */
export function rescaleIndicator(
  x: number,
  scale: readonly [number, number],
  polarity: 1 | -1,
  target: readonly [number, number],
): number {
  const [a, b] = scale;
  const [lo, hi] = target;
  const t = (Math.min(b, Math.max(a, x)) - a) / (b - a);
  return lo + (hi - lo) * (polarity === 1 ? t : 1 - t);
}

/**
 * What an answer code is worth before the method's own rule: the measure.recode value when the code is recoded
 * (an explicit recode wins over the exclude list), NaN when it is a missing-data code the block excludes,
 * null when the method's rule applies to the code itself.
 */
function recodeOrExclude(field: Field, code: number, exclude: readonly MissingKind[]): number | null {
  const recoded = field.measure?.recode?.[String(code)];
  if (recoded !== undefined) return recoded;
  const kind = field.options?.find((o) => o.value === code)?.missing;
  if (kind !== undefined) return exclude.includes(kind) ? NaN : null;
  return null;
}

/** What one numeric answer (never NaN) of an item is worth; NaN = left out of the item's denominator. */
export type CodeValue = (code: number) => number;

/**
 * The value of each code, worked out once per code rather than once per respondent: a column of 200,000 answers
 * holds a handful of distinct codes.
 */
function memo(valueOf: CodeValue): CodeValue {
  const byCode = new Map<number, number>();
  return (code) => {
    let v = byCode.get(code);
    if (v === undefined) {
      v = valueOf(code);
      byCode.set(code, v);
    }
    return v;
  };
}

/**
 * SIPAS (and the one-stop satisfaction tap): 1 if the code is one of `satisfiedValues`, else 0. A missing code
 * that the block does not exclude counts in the denominator as not satisfied.
 */
export function satisfiedValue(
  field: Field,
  satisfiedValues: readonly number[],
  exclude: readonly MissingKind[],
): CodeValue {
  return memo((code) => recodeOrExclude(field, code, exclude) ?? (satisfiedValues.includes(code) ? 1 : 0));
}

/**
 * PAPI: indicator value = measure.recode[code] (or the answer itself: scale points, counts, minutes), clamped
 * into measure.scale and rescaled with measure.polarity. A missing code that is neither excluded nor recoded has
 * no value on the scale and is left out.
 */
export function rescaledValue(field: Field, scoring: Extract<Scoring, { method: 'papi' }>): CodeValue {
  const m = field.measure;
  if (!m?.scale || m.polarity === undefined) {
    throw new EstimationError(
      'invalid_request',
      `"${field.id}" needs measure.scale and measure.polarity to be rescaled`,
      { item: field.id },
    );
  }
  if (scoring.rescale.range !== 'theoretical') {
    throw new EstimationError(
      'invalid_request',
      'observed min-max rescaling needs the other provinces\' estimates and a replication variance; only "theoretical" is supported',
    );
  }
  const scale = m.scale;
  const polarity = m.polarity;
  const target = [scoring.rescale.min, scoring.rescale.max] as const;
  return memo((code) => {
    const x = valueOnScale(field, code, scoring.exclude);
    return Number.isNaN(x) ? NaN : rescaleIndicator(x, scale, polarity, target);
  });
}

/** One-stop: points = measure.recode[code] (or the answer itself when it is not recoded), clamped into points. */
export function pointsValue(field: Field, scoring: Extract<Scoring, { method: 'one_stop' }>): CodeValue {
  const { min, max } = scoring.points;
  return memo((code) => {
    const x = valueOnScale(field, code, scoring.exclude);
    return Number.isNaN(x) ? NaN : Math.min(max, Math.max(min, x));
  });
}

/** The column of an item: each respondent's numeric answer through `valueOf` (NaN where there is none). */
export function valueColumn(id: string, answers: readonly AnswerRecord[], valueOf: CodeValue): Float64Array {
  const out = new Float64Array(answers.length);
  for (let k = 0; k < answers.length; k += 1) {
    const code = numericAnswer((answers[k] as AnswerRecord)[id]);
    out[k] = Number.isNaN(code) ? NaN : valueOf(code);
  }
  return out;
}

export function satisfiedColumn(
  field: Field,
  answers: readonly AnswerRecord[],
  satisfiedValues: readonly number[],
  exclude: readonly MissingKind[],
): Float64Array {
  return valueColumn(field.id, answers, satisfiedValue(field, satisfiedValues, exclude));
}

export function rescaledColumn(
  field: Field,
  answers: readonly AnswerRecord[],
  scoring: Extract<Scoring, { method: 'papi' }>,
): Float64Array {
  return valueColumn(field.id, answers, rescaledValue(field, scoring));
}

export function pointsColumn(
  field: Field,
  answers: readonly AnswerRecord[],
  scoring: Extract<Scoring, { method: 'one_stop' }>,
): Float64Array {
  return valueColumn(field.id, answers, pointsValue(field, scoring));
}

function valueOnScale(field: Field, answer: number, exclude: readonly MissingKind[]): number {
  if (Number.isNaN(answer)) return NaN;
  const fixed = recodeOrExclude(field, answer, exclude);
  if (fixed !== null) return fixed;
  const option = field.options?.find((o) => o.value === answer);
  return option?.missing !== undefined ? NaN : answer;
}
