// XLSForm's choice_filter: which options of a single or multi question are shown, given the answers so far. The
// filter reads the option's columns by bare name (`name` is its XLSForm name, else its code) and, as in XLSForm,
// a question whose options have names reads as the name ("hanoi"), not the stored code; other answers as stored.
import { evaluate, isTruthy, type EvalEnv, type Value } from '../expressions/index.js';
import { walkFields } from './asked-fields.js';
import type { AnswerValue } from './coerce.js';
import type { Field, Questionnaire } from './model.js';
import type { Option } from './schema.js';

/** A question's answer in XLSForm spelling: codes of named options become their names. */
function spelled(q: Questionnaire, name: string, value: Value): Value {
  const options = q.fieldById.get(name)?.options;
  if (!options?.some((o) => o.name !== undefined) || value === null) return value;
  const nameOf = (code: string): string => options.find((o) => String(o.value) === code)?.name ?? code;
  return Array.isArray(value) ? value.map(nameOf) : nameOf(String(value));
}

/** The options of `field` the filter lets through, in order; every option without a filter. */
export function filteredOptions(q: Questionnaire, field: Field, env: EvalEnv): readonly Option[] {
  const options = field.options ?? [];
  const filter = field.choiceFilter;
  if (filter === null) return options;
  const base: EvalEnv = { ...env, resolve: (name) => spelled(q, name, env.resolve(name)) };
  return options.filter((o) =>
    isTruthy(
      evaluate(filter, {
        ...base,
        choiceColumn: (column) => (column === 'name' ? (o.name ?? String(o.value)) : (o.columns?.[column] ?? null)),
      }),
    ),
  );
}

/**
 * The codes each filtered question shows for these answers (questions without a filter are left out): what the
 * phone screens show and validateAnswers accepts.
 * @example shownOptionCodes(q, { province: 1 }, '2026-01-01').get('commune') // [101, 102]
 */
export function shownOptionCodes(
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  today: string,
): Map<string, number[]> {
  const shown = new Map<string, number[]>();
  walkFields(q, { ...answers }, today, (field, _asked, _value, env) => {
    if (field.choiceFilter !== null)
      shown.set(
        field.id,
        filteredOptions(q, field, env).map((o) => o.value),
      );
  });
  return shown;
}
