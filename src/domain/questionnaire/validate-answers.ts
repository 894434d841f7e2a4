// The single source of truth for what a complete, consistent set of answers is. The field app, the kiosk and
// the API all call validateAnswers with the same Questionnaire, so a form the screen accepts is one the
// server stores, and the other way round.
import { evaluate, isTruthy, type EvalEnv } from '../expressions/index.js';
import type { Lang } from '../errors.js';
import { answerMessage, type AnswerErrorCode } from './answer-messages.js';
import { toExpressionValue, walkFields } from './asked-fields.js';
import { filteredOptions } from './choice-filter.js';
import { coerceAnswer, isUnanswered, type AnswerValue } from './coerce.js';
import type { Field, Questionnaire } from './model.js';

export interface FieldError {
  question: string;
  code: AnswerErrorCode;
  message: string;
}

export interface ValidationResult {
  errors: FieldError[];
  /** Normalised answers of relevant fields, plus calculated values; what gets stored when errors is empty. */
  values: Record<string, AnswerValue>;
}

export interface ValidationOptions {
  /** The interview date, 'YYYY-MM-DD', for today() in expressions. */
  today: string;
  lang?: Lang;
}

/**
 * The most answer keys a submission may carry for this questionnaire: four per field (a client sends at most one
 * per field), and never fewer than 16. A body with more is refused before any of it is looked at.
 */
export function answerKeyLimit(q: Questionnaire): number {
  return Math.max(16, 4 * q.fields.length);
}

/** The question given to an error about the answers as a whole (too many of them). */
export const allAnswers = '(answers)';

/** Whether `answers` has more than `limit` keys; stops counting one past the limit. */
function moreKeysThan(answers: Readonly<Record<string, unknown>>, limit: number): boolean {
  let count = 0;
  for (const key in answers) {
    if (!Object.prototype.hasOwnProperty.call(answers, key)) continue;
    count += 1;
    if (count > limit) return true;
  }
  return false;
}

/**
 * Every problem with the answers, at most one per question, in the order found. The work is linear in the
 * number of answers, and a set of answers over answerKeyLimit gets one `too_many_answers` error and no other check.
 */
export function validateAnswers(
  q: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
  opts: ValidationOptions,
): ValidationResult {
  const lang = opts.lang ?? 'vi';
  const limit = answerKeyLimit(q);
  if (moreKeysThan(answers, limit)) {
    return {
      errors: [
        {
          question: allAnswers,
          code: 'too_many_answers',
          message: answerMessage('too_many_answers', lang, { max: limit }),
        },
      ],
      values: {},
    };
  }
  const errors: FieldError[] = [];
  // The first error of each question is kept: a Set, not a search of the list, so that many errors stay cheap.
  const failed = new Set<string>();
  const fail = (
    question: string,
    code: AnswerErrorCode,
    params?: Record<string, string | number>,
    custom?: string,
  ): void => {
    if (failed.has(question)) return;
    failed.add(question);
    errors.push({ question, code, message: custom ?? answerMessage(code, lang, params) });
  };
  const values: Record<string, AnswerValue> = {};
  for (const [id, raw] of Object.entries(answers)) {
    const field = q.fieldById.get(id);
    if (!field) {
      fail(id, 'unknown_question');
      continue;
    }
    if (isUnanswered(raw)) continue;
    const coerced = coerceAnswer(field, raw);
    if (!coerced.ok) fail(id, coerced.code, coerced.params);
    else if (coerced.value !== '') values[id] = coerced.value;
  }
  // The same walk as askedFields: what the screen asks is exactly what is checked here.
  walkFields(q, values, opts.today, (field, asked, value, env) => {
    if (field.type === 'calculate') return;
    if (!asked) {
      if (value !== undefined) fail(field.id, 'not_relevant');
      return;
    }
    if (value === undefined) {
      if (isRequired(field, env))
        fail(field.id, 'required', {}, field.requiredMessage?.[lang] ?? field.requiredMessage?.vi);
      return;
    }
    if (field.constraint && !isTruthy(evaluate(field.constraint, { ...env, current: toExpressionValue(value) }))) {
      fail(field.id, 'constraint', {}, field.constraintMessage?.[lang] ?? field.constraintMessage?.vi);
    }
    if (field.choiceFilter !== null) {
      const shown = new Set(filteredOptions(q, field, env).map((o) => o.value));
      const hidden = (Array.isArray(value) ? value : [value]).find((v) => !shown.has(v as number));
      if (hidden !== undefined) fail(field.id, 'invalid_option', { value: String(hidden) });
    }
  });
  return { errors, values };
}

function isRequired(field: Field, env: EvalEnv): boolean {
  return typeof field.required === 'boolean' ? field.required : isTruthy(evaluate(field.required, env));
}
