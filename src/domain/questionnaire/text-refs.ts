// Answers inside the texts of a questionnaire, as XLSForm writes them: "Ông/bà ${ten} bao nhiêu tuổi?". The screens
// show each ${q} as the answer given so far (an option's label, a number or a date in the screen's language, a
// calculation's result), and as nothing before it is given, as ODK does. Exports keep the text as written.
import type { AnswerValue } from './coerce.js';
import { walkFields } from './asked-fields.js';
import type { Field, Questionnaire } from './model.js';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The question ids a text refers to, in order of first mention. */
export function textRefs(text: string): string[] {
  return [...new Set([...text.matchAll(reference)].map((m) => m[1] ?? ''))];
}

/** The answers as the texts show them: the answers given, with every calculation the walk makes. */
export function textValues(
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  today: string,
): Record<string, AnswerValue> {
  const values = { ...answers };
  walkFields(q, values, today);
  return values;
}

const numberFormat = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 }),
};

/** One answer as text in `lang`: options by their labels, numbers and dates as people there write them. */
export function answerText(field: Field | undefined, value: AnswerValue | undefined, lang: 'vi' | 'en'): string {
  if (value === undefined || value === null || value === '') return '';
  const optionLabel = (code: number): string => {
    const label = field?.options?.find((o) => o.value === code)?.label;
    return label === undefined ? String(code) : lang === 'en' && label.en ? label.en : label.vi;
  };
  if (typeof value === 'number') return field?.options ? optionLabel(value) : numberFormat[lang].format(value);
  if (typeof value !== 'string') return value.map(optionLabel).join(', ');
  const date = field?.type === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return date === null ? value : `${date[3]}/${date[2]}/${date[1]}`;
}

/** `text` with each ${q} replaced by the answer's text (values from textValues). */
export function fillText(
  q: Questionnaire,
  text: string,
  values: Readonly<Record<string, AnswerValue>>,
  lang: 'vi' | 'en',
): string {
  return text.replace(reference, (_all, id: string) => answerText(q.fieldById.get(id), values[id], lang));
}
