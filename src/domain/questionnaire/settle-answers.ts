// Answers brought in line with the questionnaire's conditions, for screens that ask one section at a time (the
// kiosk, the invitation page, the citizen's phone): the one walk of asked-fields.ts, which also hands out defaults
// and drops the options a choice_filter no longer allows, so what the screen holds is what validateAnswers accepts.
import { evaluate, isTruthy } from '../expressions/index.js';
import { walkFields } from './asked-fields.js';
import { filteredOptions } from './choice-filter.js';
import type { AnswerValue } from './coerce.js';
import type { Questionnaire } from './model.js';

export interface SettledAnswers {
  /** The answers kept: those of asked questions, on allowed options, without calculated values. */
  answers: Record<string, AnswerValue>;
  /** Whether each field and note is asked, by id. */
  asked: Map<string, boolean>;
  /** The option codes each filtered question shows (questions without a choice_filter are left out). */
  shown: Map<string, number[]>;
  /** The fields whose default is still to be given: those not yet asked. */
  pending: Set<string>;
}

/** The fields of a questionnaire that have a default: what a new rating or invitation starts with as `pending`. */
export function fieldsWithDefaults(q: Questionnaire): Set<string> {
  return new Set(q.fields.filter((f) => f.default !== null).map((f) => f.id));
}

/**
 * One walk in questionnaire order: a question that is not asked loses its answer; a question asked for the first
 * time with a pending default and no answer gets its default; a choice_filter drops the codes it no longer shows.
 * Each condition sees the answers as the walk has left them, as on the server.
 * @example settleAnswers(q, { used: 0, sat: 5 }, '2026-01-01').answers // { used: 0 } when sat needs used = 1
 */
export function settleAnswers(
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  today: string,
  pending: ReadonlySet<string> = new Set(),
): SettledAnswers {
  const values: Record<string, AnswerValue> = { ...answers };
  const asked = new Map<string, boolean>();
  const shown = new Map<string, number[]>();
  const left = new Set(pending);
  const env = walkFields(q, values, today, (field, isAsked, value, walkEnv) => {
    asked.set(field.id, isAsked);
    if (!isAsked || field.type === 'calculate') return;
    if (left.delete(field.id) && value === undefined && field.default !== null) values[field.id] = field.default;
    if (field.choiceFilter === null) return;
    const codes = filteredOptions(q, field, walkEnv).map((o) => o.value);
    shown.set(field.id, codes);
    const current = values[field.id];
    if (current === undefined) return;
    const allowed = new Set(codes);
    if (Array.isArray(current)) {
      const kept = current.filter((c) => allowed.has(c));
      if (kept.length === 0) delete values[field.id];
      else if (kept.length < current.length) values[field.id] = kept;
    } else if (!allowed.has(current as number)) delete values[field.id];
  });
  for (const note of q.notes)
    asked.set(
      note.id,
      note.relevant.every((e) => isTruthy(evaluate(e, env))),
    );
  for (const field of q.fields) if (field.type === 'calculate') delete values[field.id];
  return { answers: values, asked, shown, pending: left };
}
