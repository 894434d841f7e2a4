// An interview as its surveyor saw it, for a supervisor: the questions it asked, screen by screen, with their
// labels and the answers' option labels (never codes or variable names alone). Calculated values are left out:
// the surveyor never saw them.
import {
  askedFields,
  type AnswerValue,
  type Field,
  type Label,
  type Option,
  type Questionnaire,
} from '../questionnaire/index.js';

export interface SheetItem {
  /** The field (variable) a comment on this answer is kept under. */
  field: string;
  /** A grid item's own label; null for a question that is its own field. */
  label: Label | null;
  /** The answer in words; null when the question was asked and left unanswered. */
  answer: Label | null;
  /** A don't-know or refusal code. */
  missing: boolean;
}

export interface SheetQuestion {
  id: string;
  label: Label;
  items: SheetItem[];
}

export interface SheetSection {
  id: string;
  title: Label;
  questions: SheetQuestion[];
}

const same = (text: string): Label => ({ vi: text, en: text });

function optionText(options: readonly Option[], code: number): { label: Label; missing: boolean } {
  const option = options.find((o) => o.value === code);
  return option
    ? { label: option.label, missing: option.missing !== undefined }
    : { label: same(String(code)), missing: false };
}

/** An answer in words, in both languages. */
export function answerText(field: Field, value: AnswerValue | undefined): { answer: Label | null; missing: boolean } {
  if (value === undefined || value === null) return { answer: null, missing: false };
  const options = field.options;
  if (options && typeof value === 'number') {
    const { label, missing } = optionText(options, value);
    return { answer: label, missing };
  }
  if (options && Array.isArray(value)) {
    const parts = value.map((code) => optionText(options, Number(code)).label);
    return {
      answer: { vi: parts.map((p) => p.vi).join('; '), en: parts.map((p) => p.en ?? p.vi).join('; ') },
      missing: false,
    };
  }
  return { answer: same(Array.isArray(value) ? value.join(' ') : String(value)), missing: false };
}

/** Ids of the fields a supervisor can comment on: every field the surveyor could answer. */
export function commentableFields(q: Questionnaire): string[] {
  return q.fields.filter((f) => f.type !== 'calculate').map((f) => f.id);
}

/**
 * The asked questions of an interview by section, in questionnaire order. `today` is the interview's day (skip
 * logic may use it).
 * @example answerSheet(q, { gender: 2 }, '2026-11-23')[0].questions[0].items[0]
 *   // { field: 'gender', label: null, answer: { vi: 'Nữ', en: 'Female' }, missing: false }
 */
export function answerSheet(
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  today: string,
): SheetSection[] {
  const asked = askedFields(q, answers, today);
  const questionLabels = new Map<string, Label>();
  for (const s of q.definition.sections)
    for (const question of s.questions) questionLabels.set(question.id, question.label ?? same(question.id));
  const sections: SheetSection[] = q.definition.sections.map((s) => ({ id: s.id, title: s.title, questions: [] }));
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const field of q.fields) {
    if (field.type === 'calculate' || asked.get(field.id) !== true) continue;
    const section = byId.get(field.sectionId);
    if (!section) continue;
    let question = section.questions[section.questions.length - 1];
    if (question?.id !== field.questionId) {
      question = { id: field.questionId, label: questionLabels.get(field.questionId) ?? field.label, items: [] };
      section.questions.push(question);
    }
    const inGrid = field.questionId !== field.id;
    question.items.push({
      field: field.id,
      label: inGrid ? field.label : null,
      ...answerText(field, answers[field.id]),
    });
  }
  return sections.filter((s) => s.questions.length > 0);
}
