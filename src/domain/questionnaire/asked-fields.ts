// Which fields and notes an interview asks, given its answers: the one walk over the questionnaire that skip
// logic on the screen (askedFields, in the browser bundle) and validateAnswers on the server share.
import { evaluate, isTruthy, type EvalEnv, type Expr, type Value } from '../expressions/index.js';
import type { AnswerValue } from './coerce.js';
import type { Field, Questionnaire } from './model.js';

/** Converts a stored answer into the value the expression language sees (multi-select codes become strings). */
export function toExpressionValue(value: AnswerValue | undefined): Value {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  return value as number | string;
}

/** The Vietnamese label of one option of a question, for jr:choice-name(); undefined for an unknown one. */
function choiceLabelOf(q: Questionnaire, question: string, code: string): string | undefined {
  const field = q.fields.find((f) => f.id === question);
  return field?.options?.find((o) => String(o.value) === code)?.label.vi;
}

const holds = (conditions: readonly Expr[], env: EvalEnv): boolean =>
  conditions.every((expr) => isTruthy(evaluate(expr, env)));

/** What a calculation stores: a finite number, a boolean as 1/0, a non-empty text; otherwise nothing. */
function calculatedValue(field: Field, env: EvalEnv): AnswerValue | undefined {
  if (!field.calculation) return undefined;
  const result = evaluate(field.calculation, env);
  if (typeof result === 'number' && Number.isFinite(result)) return result;
  if (typeof result === 'boolean') return result ? 1 : 0;
  if (typeof result === 'string' && result !== '') return result;
  return undefined;
}

/**
 * Walks the fields in questionnaire order. Each field's conditions see the answers as the walk has left them
 * so far: a field that is not asked loses its answer before later conditions look at it, and a calculation
 * stores its value (or none when not asked) in place. `values` is changed accordingly. `visit` sees each field
 * with its answer as it was before the walk reached it, and the environment at that point (for `required`
 * and `constraint`). Returns the environment over the final values.
 */
export function walkFields(
  q: Questionnaire,
  values: Record<string, AnswerValue>,
  today: string,
  visit?: (field: Field, asked: boolean, value: AnswerValue | undefined, env: EvalEnv) => void,
): EvalEnv {
  const env: EvalEnv = {
    today,
    resolve: (name) => toExpressionValue(values[name]),
    choiceLabel: (question, code) => choiceLabelOf(q, question, code),
  };
  for (const field of q.fields) {
    const asked = holds(field.relevant, env);
    visit?.(field, asked, values[field.id], env);
    if (field.type === 'calculate') {
      delete values[field.id];
      const value = asked ? calculatedValue(field, env) : undefined;
      if (value !== undefined) values[field.id] = value;
    } else if (!asked) {
      delete values[field.id];
    }
  }
  return env;
}

/**
 * Whether each field and each note is asked, by id, given answers in their stored form (codes as numbers,
 * multi-select as a list). Notes hold no answer, so nothing depends on them: their conditions see the answers
 * as the whole walk leaves them.
 * @example askedFields(q, { used: 0, sat: 5 }, '2026-11-23').get('sat') // false when sat is asked if used = 1
 */
export function askedFields(
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  today: string,
): Map<string, boolean> {
  const asked = new Map<string, boolean>();
  const env = walkFields(q, { ...answers }, today, (field, isAsked) => asked.set(field.id, isAsked));
  for (const note of q.notes) asked.set(note.id, holds(note.relevant, env));
  return asked;
}
