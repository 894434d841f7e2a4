// The rules a household's outcome (disposition, visits, note) must meet before it is recorded. One
// implementation for the server (POST /api/v1/assignments/:id/disposition) and the phone (public/js/rules.js),
// so the phone refuses offline exactly what the server would refuse.
import type { Lang, LocalText } from '../errors.js';
import { dispositions, requiredVisitsForNotAtHome, type DispositionCode } from './disposition-codes.js';

/** Bounds of an outcome as the API takes it; the API's request schema reads them from here. */
export const outcomeLimits = { minVisits: 1, maxVisits: 20, maxNoteLength: 500 } as const;

export type OutcomeProblemCode = 'unknown_disposition' | 'visits_invalid' | 'too_few_visits' | 'note_too_long';

export interface OutcomeProblem {
  field: 'disposition' | 'visits' | 'note';
  code: OutcomeProblemCode;
  /** The reason in both languages; `message` is the one asked for. */
  text: LocalText;
  message: string;
}

export interface OutcomeInput {
  disposition: unknown;
  visits: unknown;
  note?: unknown;
}

const texts: Record<OutcomeProblemCode, LocalText> = {
  unknown_disposition: { vi: 'Không có kết quả tiếp xúc “{value}”.', en: 'There is no outcome "{value}".' },
  visits_invalid: {
    vi: 'Số lần đến phải là số nguyên từ {min} đến {max}.',
    en: 'The number of visits must be a whole number from {min} to {max}.',
  },
  too_few_visits: {
    vi: '“Vắng nhà” chỉ được ghi sau {required} lần đến; mới có {visits} lần.',
    en: '"Not at home" is final only after {required} visits; {visits} recorded.',
  },
  note_too_long: { vi: 'Ghi chú tối đa {max} ký tự.', en: 'The note takes at most {max} characters.' },
};

function problem(
  field: OutcomeProblem['field'],
  code: OutcomeProblemCode,
  params: Record<string, string | number>,
  lang: Lang,
): OutcomeProblem {
  const fill = (template: string): string =>
    Object.entries(params).reduce((out, [key, value]) => out.split(`{${key}}`).join(String(value)), template);
  const text = { vi: fill(texts[code].vi), en: fill(texts[code].en) };
  return { field, code, text, message: text[lang] };
}

export function isDispositionCode(value: unknown): value is DispositionCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(dispositions, value);
}

/**
 * Every reason an outcome cannot be recorded as it is, in the order of its fields; empty when it can.
 * @example checkOutcome({ disposition: 'not_at_home_3_visits', visits: 1 }, 'en')
 *   // → [{ field: 'visits', code: 'too_few_visits',
 *   //      message: '"Not at home" is final only after 3 visits; 1 recorded.', … }]
 */
export function checkOutcome(input: OutcomeInput, lang: Lang = 'vi'): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  const { minVisits, maxVisits, maxNoteLength } = outcomeLimits;
  if (!isDispositionCode(input.disposition))
    problems.push(problem('disposition', 'unknown_disposition', { value: String(input.disposition) }, lang));
  const visits = input.visits;
  const wholeVisits = typeof visits === 'number' && Number.isInteger(visits);
  if (!wholeVisits || visits < minVisits || visits > maxVisits)
    problems.push(problem('visits', 'visits_invalid', { min: minVisits, max: maxVisits }, lang));
  else if (input.disposition === 'not_at_home_3_visits' && visits < requiredVisitsForNotAtHome)
    problems.push(problem('visits', 'too_few_visits', { required: requiredVisitsForNotAtHome, visits }, lang));
  if (input.note !== undefined && (typeof input.note !== 'string' || input.note.trim().length > maxNoteLength))
    problems.push(problem('note', 'note_too_long', { max: maxNoteLength }, lang));
  return problems;
}
