// What a question partial (views/partials/question/*) is given, on the field interview and in the preview alike:
// options as compiled (Field.options), texts as the page shows them (both languages on the field app, one in
// the preview) and the rules as written, which the preview lists.
import type { Label, Measure, Option, Question, Questionnaire } from '../../domain/questionnaire/index.js';

export interface QuestionOption<T> {
  value: number;
  label: T;
  missing: boolean;
  exclusive: boolean;
}

export interface QuestionView<T> {
  id: string;
  /** Which partial renders it (views/partials/question/<partial>.ejs). */
  partial: 'choice' | 'grid' | 'number' | 'text' | 'date' | 'note' | 'calculate';
  label: T;
  hint: T | null;
  /** true, false, or the condition under which an answer is required. */
  required: boolean | string;
  /** Check boxes (a multi question) rather than radio buttons. */
  multiple: boolean;
  options: QuestionOption<T>[];
  items: { id: string; label: T; relevant: string | null; measure: string | null }[];
  /** Grid answers shown as numbered chips under a key when the scale's labels are long. */
  compact: boolean;
  inputMode: 'numeric' | 'decimal' | 'text';
  min: string | null;
  max: string | null;
  /** 'min – max' of a number or date, with … for an open end. */
  range: string | null;
  maxLength: number | null;
  multiline: boolean;
  relevant: string | null;
  constraint: string | null;
  constraintMessage: T | null;
  calculation: string | null;
  measure: string | null;
}

const partialOf: Record<Question['type'], QuestionView<unknown>['partial']> = {
  single: 'choice',
  scale: 'choice',
  yesno: 'choice',
  multi: 'choice',
  grid: 'grid',
  integer: 'number',
  decimal: 'number',
  text: 'text',
  date: 'date',
  note: 'note',
  calculate: 'calculate',
};

/** The options of a question as the questionnaire compiled them (a grid's are its items'); none for the rest. */
function compiledOptions(q: Questionnaire, question: Question): readonly Option[] {
  const fieldId = question.type === 'grid' ? question.items[0]?.id : question.id;
  return (fieldId === undefined ? null : q.fieldById.get(fieldId)?.options) ?? [];
}

function measureText(m: Measure | undefined): string | null {
  if (!m) return null;
  const parts = Object.entries(m)
    .filter(([k]) => !['recode', 'scale', 'polarity', 'weight'].includes(k))
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.join(' · ');
}

function bounds(question: Question): { min: string | null; max: string | null; range: string | null } {
  if (question.type !== 'integer' && question.type !== 'decimal' && question.type !== 'date')
    return { min: null, max: null, range: null };
  const min = question.min === undefined ? null : String(question.min);
  const max = question.max === undefined ? null : String(question.max);
  return { min, max, range: min === null && max === null ? null : `${min ?? '…'} – ${max ?? '…'}` };
}

/** One question of `q` for a partial, its texts given by `say` (a Label in the page's language or languages). */
export function questionView<T>(q: Questionnaire, question: Question, say: (label: Label) => T): QuestionView<T> {
  const options = compiledOptions(q, question);
  const answerable = question.type === 'note' || question.type === 'calculate' ? null : question;
  return {
    id: question.id,
    partial: partialOf[question.type],
    label: say(question.label ?? { vi: question.id }),
    hint: question.type !== 'calculate' && question.hint ? say(question.hint) : null,
    required: answerable?.required ?? false,
    multiple: question.type === 'multi',
    options: options.map((o) => ({
      value: o.value,
      label: say(o.label),
      missing: o.missing !== undefined,
      exclusive: o.exclusive === true,
    })),
    items:
      question.type === 'grid'
        ? question.items.map((i) => ({
            id: i.id,
            label: say(i.label),
            relevant: i.relevant ?? null,
            measure: measureText(i.measure),
          }))
        : [],
    compact: question.type === 'grid' && options.some((o) => [...o.label.vi].length > 14),
    inputMode: question.type === 'integer' ? 'numeric' : question.type === 'decimal' ? 'decimal' : 'text',
    ...bounds(question),
    maxLength: question.type === 'text' ? (question.maxLength ?? null) : null,
    multiline: question.type === 'text' && question.multiline === true,
    relevant: question.type === 'calculate' ? null : (question.relevant ?? null),
    constraint: answerable?.constraint ?? null,
    constraintMessage: answerable?.constraintMessage ? say(answerable.constraintMessage) : null,
    calculation: question.type === 'calculate' ? question.calculation : null,
    measure: measureText(question.measure),
  };
}
