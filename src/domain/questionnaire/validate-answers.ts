// The single source of truth for what a complete, consistent set of answers is. The field app, the kiosk and
// the API all call validateAnswers with the same Questionnaire, so a form the screen accepts is one the
// server stores, and the other way round.
import { evaluate, isTruthy, type EvalEnv, type Value } from '../expressions/index.js';
import type { Lang } from '../errors.js';
import { answerMessage, type AnswerErrorCode } from './answer-messages.js';
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

/** Converts a stored answer into the value the expression language sees (multi-select codes become strings). */
export function toExpressionValue(value: AnswerValue | undefined): Value {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  return value as number | string;
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
  const env = makeEnv(values, opts.today);
  for (const field of q.fields) {
    const relevant = isRelevant(field, env);
    if (field.type === 'calculate') {
      computeCalculation(field, relevant, values, env);
      continue;
    }
    const value = values[field.id];
    if (!relevant) {
      if (value !== undefined) fail(field.id, 'not_relevant');
      delete values[field.id];
      continue;
    }
    if (value === undefined) {
      if (isRequired(field, env))
        fail(field.id, 'required', {}, field.requiredMessage?.[lang] ?? field.requiredMessage?.vi);
      continue;
    }
    if (field.constraint && !isTruthy(evaluate(field.constraint, { ...env, current: toExpressionValue(value) }))) {
      fail(field.id, 'constraint', {}, field.constraintMessage?.[lang] ?? field.constraintMessage?.vi);
    }
  }
  return { errors: errors.filter(firstPerQuestion), values };
}

function firstPerQuestion(error: FieldError, index: number, all: FieldError[]): boolean {
  return all.findIndex((e) => e.question === error.question) === index;
}

function makeEnv(values: Record<string, AnswerValue>, today: string): EvalEnv {
  return { today, resolve: (name) => toExpressionValue(values[name]) };
}

function isRelevant(field: Field, env: EvalEnv): boolean {
  return field.relevant.every((expr) => isTruthy(evaluate(expr, env)));
}

function isRequired(field: Field, env: EvalEnv): boolean {
  return typeof field.required === 'boolean' ? field.required : isTruthy(evaluate(field.required, env));
}

function computeCalculation(field: Field, relevant: boolean, values: Record<string, AnswerValue>, env: EvalEnv): void {
  delete values[field.id];
  if (!relevant || !field.calculation) return;
  const result = evaluate(field.calculation, env);
  if (typeof result === 'number' && Number.isFinite(result)) values[field.id] = result;
  else if (typeof result === 'boolean') values[field.id] = result ? 1 : 0;
  else if (typeof result === 'string' && result !== '') values[field.id] = result;
}
