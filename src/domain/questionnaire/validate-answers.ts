// The single source of truth for what a complete, consistent set of answers is. The field app, the kiosk and
// the API all call validateAnswers with the same Questionnaire, so a form the screen accepts is one the
// server stores, and the other way round.
import { evaluate, isTruthy, type EvalEnv } from '../expressions/index.js';
import type { Lang } from '../errors.js';
import { answerMessage, type AnswerErrorCode } from './answer-messages.js';
import { toExpressionValue, walkFields } from './asked-fields.js';
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

export function validateAnswers(
  q: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
  opts: ValidationOptions,
): ValidationResult {
  const lang = opts.lang ?? 'vi';
  const errors: FieldError[] = [];
  const fail = (
    question: string,
    code: AnswerErrorCode,
    params?: Record<string, string | number>,
    custom?: string,
  ): void => {
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
  });
  return { errors: errors.filter(firstPerQuestion), values };
}

function firstPerQuestion(error: FieldError, index: number, all: FieldError[]): boolean {
  return all.findIndex((e) => e.question === error.question) === index;
}

function isRequired(field: Field, env: EvalEnv): boolean {
  return typeof field.required === 'boolean' ? field.required : isTruthy(evaluate(field.required, env));
}
