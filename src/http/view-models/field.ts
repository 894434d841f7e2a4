// View model of a field interview page: every section of one questionnaire version as a screen, with labels
// in both languages (the vi/en switch must work offline) and what each form-mode partial needs.
import type { Definition, Label, Option, Question } from '../../domain/questionnaire/index.js';
import { yesNoOptions } from '../../domain/questionnaire/index.js';
import type { LoadedSurvey } from '../../services/surveys/registry.js';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldOption {
  value: number;
  label: Bilingual;
  missing: boolean;
  exclusive: boolean;
}

export interface FieldQuestion {
  id: string;
  partial: 'choice' | 'multi' | 'grid' | 'number' | 'text' | 'date' | 'note';
  label: Bilingual;
  hint: Bilingual | null;
  /** Always asked when shown; conditional requirements are announced by validation instead. */
  required: boolean;
  options: FieldOption[];
  items: { id: string; label: Bilingual }[];
  /** Grid answers shown as numbered chips under a legend when the scale's labels are long. */
  compact: boolean;
  inputMode: 'numeric' | 'decimal' | 'text';
  min: string | null;
  max: string | null;
  maxLength: number | null;
  multiline: boolean;
}

export interface FieldScreen {
  id: string;
  title: Bilingual;
  description: Bilingual | null;
  questions: FieldQuestion[];
}

export interface FieldInterviewModel {
  code: string;
  version: string;
  title: Bilingual;
  screens: FieldScreen[];
}

export const both = (label: Label): Bilingual => ({ vi: label.vi, en: label.en ?? label.vi });
const maybe = (label: Label | undefined): Bilingual | null => (label ? both(label) : null);

const partialOf: Record<Exclude<Question['type'], 'calculate'>, FieldQuestion['partial']> = {
  single: 'choice',
  scale: 'choice',
  yesno: 'choice',
  multi: 'multi',
  grid: 'grid',
  integer: 'number',
  decimal: 'number',
  text: 'text',
  date: 'date',
  note: 'note',
};

function optionsOf(def: Definition, q: Question): readonly Option[] {
  if (q.type === 'yesno') return yesNoOptions(q.dontKnow ?? false, q.refuse ?? false);
  if ('scale' in q && q.scale) return def.scales[q.scale]?.options ?? [];
  if ('options' in q && q.options) return q.options;
  return [];
}

function questionModel(def: Definition, q: Exclude<Question, { type: 'calculate' }>): FieldQuestion {
  const options = optionsOf(def, q).map((o) => ({
    value: o.value,
    label: both(o.label),
    missing: o.missing !== undefined,
    exclusive: o.exclusive === true,
  }));
  const bounded = q.type === 'integer' || q.type === 'decimal' || q.type === 'date';
  return {
    id: q.id,
    partial: partialOf[q.type],
    label: both(q.label),
    hint: maybe(q.hint),
    required: q.type !== 'note' && q.required === true,
    options,
    items: q.type === 'grid' ? q.items.map((i) => ({ id: i.id, label: both(i.label) })) : [],
    compact: q.type === 'grid' && options.some((o) => [...o.label.vi].length > 14),
    inputMode: q.type === 'integer' ? 'numeric' : q.type === 'decimal' ? 'decimal' : 'text',
    min: bounded && q.min !== undefined ? String(q.min) : null,
    max: bounded && q.max !== undefined ? String(q.max) : null,
    maxLength: q.type === 'text' ? (q.maxLength ?? null) : null,
    multiline: q.type === 'text' && q.multiline === true,
  };
}

export function fieldInterviewModel(survey: LoadedSurvey): FieldInterviewModel {
  const def = survey.questionnaire.definition;
  return {
    code: def.code,
    version: def.version,
    title: both(def.title),
    screens: def.sections.map((s) => ({
      id: s.id,
      title: both(s.title),
      description: maybe(s.description),
      // Calculated fields are never shown nor sent: the server recomputes them.
      questions: s.questions.flatMap((q) => (q.type === 'calculate' ? [] : [questionModel(def, q)])),
    })),
  };
}
