// Synthetic answers for a questionnaire: walks the fields in order, answers only what is relevant given the
// answers so far (evaluated exactly as validateAnswers does), and never returns a set that validateAnswers
// rejects. Feeds the `langnghe simulate` command, the demo data, the tests and the benches.
import { evaluate, isTruthy, type EvalEnv } from '../expressions/index.js';
import {
  coerceAnswer,
  filteredOptions,
  toExpressionValue,
  validateAnswers,
  walkFields,
  type AnswerValue,
  type Field,
  type FieldError,
  type Questionnaire,
} from '../questionnaire/index.js';
import type { Rng } from '../sampling/prng.js';
import { fallbackAnswers, proposeAnswer, type Tendencies } from './choose.js';
import { chance } from './random.js';

export interface SimulateOptions extends Partial<Tendencies> {
  /** The interview date, 'YYYY-MM-DD': today() in expressions and the latest date answered. */
  today: string;
  /** Chance of leaving an optional question unanswered (free-text comments are left blank more often). */
  skipOptional?: number;
  /** Proposals tried per field before the exhaustive fallback. */
  maxAttempts?: number;
}

interface Settings extends Tendencies {
  today: string;
  skipOptional: number;
  maxAttempts: number;
}

/** The generator cannot make a valid set (a required question no answer can satisfy, say). */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    readonly survey: string,
    readonly errors: readonly FieldError[],
  ) {
    super(`cannot simulate valid answers for ${survey}: ${errors.map((e) => `${e.question} (${e.code})`).join(', ')}`);
  }
}

/** Forward references (a condition on a later question) need a second walk that sees the first one's answers. */
const MAX_WALKS = 4;

/**
 * A plausible, valid set of answers: `validateAnswers(q, result, { today })` has no errors.
 * @example
 *   const answers = simulateAnswers(q, createRng(42), { today: '2024-09-20' });
 *   // { iv_code: 'K7Q2', iv_date: '2024-09-20', consent: 1, gender: 2, age: 46, ... }
 */
export function simulateAnswers(q: Questionnaire, rng: Rng, opts: SimulateOptions): Record<string, AnswerValue> {
  const settings: Settings = {
    today: opts.today,
    satisfied: opts.satisfied ?? 0.8,
    dontKnow: opts.dontKnow ?? 0.03,
    refused: opts.refused ?? 0.01,
    notApplicable: opts.notApplicable ?? 0.08,
    skipOptional: opts.skipOptional ?? 0.15,
    maxAttempts: opts.maxAttempts ?? 20,
  };
  let previous: Readonly<Record<string, AnswerValue>> = {};
  let errors: FieldError[] = [];
  for (let walkNo = 0; walkNo < MAX_WALKS; walkNo += 1) {
    const answers = walk(q, rng, settings, previous);
    errors = validateAnswers(q, answers, { today: settings.today }).errors;
    if (errors.length === 0) return answers;
    previous = answers;
  }
  throw new SimulationError(q.definition.code, errors);
}

/**
 * One pass over the fields, through the questionnaire's own walk (walkFields, as validateAnswers and the
 * screens): expressions see the answers of earlier asked fields and calculations, and for later fields the
 * answers of the previous walk (none on the first).
 */
function walk(
  q: Questionnaire,
  rng: Rng,
  s: Settings,
  previous: Readonly<Record<string, AnswerValue>>,
): Record<string, AnswerValue> {
  const values: Record<string, AnswerValue> = { ...previous };
  walkFields(q, values, s.today, (field, asked, _value, env) => {
    if (field.type === 'calculate' || !asked) return;
    // A cascading select (choice_filter) is answered among the options the earlier answers let through.
    const shown = field.choiceFilter === null ? field : { ...field, options: filteredOptions(q, field, env) };
    const value = answer(rng, shown, env, s, previous[field.id]);
    if (value === undefined) delete values[field.id];
    else values[field.id] = value;
  });
  for (const field of q.fields) if (field.type === 'calculate') delete values[field.id];
  return values;
}

function skipChance(field: Field, s: Settings): number {
  if (field.type !== 'text') return s.skipOptional;
  return field.maxLength === null || field.maxLength > 200 ? 0.75 : 0.4;
}

/** A valid value for a relevant field, or undefined to leave it blank (only ever when it is optional). */
function answer(
  rng: Rng,
  field: Field,
  env: EvalEnv,
  s: Settings,
  before: AnswerValue | undefined,
): AnswerValue | undefined {
  const accept = (raw: unknown): AnswerValue | undefined => {
    const coerced = coerceAnswer(field, raw);
    if (!coerced.ok || coerced.value === '') return undefined;
    if (
      field.constraint &&
      !isTruthy(evaluate(field.constraint, { ...env, current: toExpressionValue(coerced.value) }))
    )
      return undefined;
    return coerced.value;
  };
  const kept = before === undefined ? undefined : accept(before);
  if (kept !== undefined) return kept;
  const required = typeof field.required === 'boolean' ? field.required : isTruthy(evaluate(field.required, env));
  if (!required && chance(rng, skipChance(field, s))) return undefined;
  for (let attempt = 0; attempt < s.maxAttempts; attempt += 1) {
    const raw = proposeAnswer(rng, field, s.today, s);
    if (raw === undefined) break;
    const value = accept(raw);
    if (value !== undefined) return value;
  }
  for (const raw of fallbackAnswers(rng, field, s.today)) {
    const value = accept(raw);
    if (value !== undefined) return value;
  }
  return undefined;
}
