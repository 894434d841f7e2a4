// View model for the read-only questionnaire preview: labels resolved into one language, rules shown as text.
import type { Lang } from '../../domain/errors.js';
import type { Definition, Measure, Option, Question } from '../../domain/questionnaire/index.js';
import { yesNoOptions } from '../../domain/questionnaire/index.js';
import { pickLabel } from '../i18n/index.js';
import type { LoadedSurvey } from '../../services/surveys/registry.js';

export interface PreviewOption {
  value: number;
  label: string;
  missing: boolean;
}

export interface PreviewQuestion {
  id: string;
  type: Question['type'];
  /** Which partial renders it: choice (radio), multi (checkbox), grid, number, text, date, note, calculate. */
  partial: 'choice' | 'multi' | 'grid' | 'number' | 'text' | 'date' | 'note' | 'calculate';
  label: string;
  hint: string;
  required: string | boolean;
  relevant: string | null;
  constraint: string | null;
  constraintMessage: string | null;
  calculation: string | null;
  range: string | null;
  options: PreviewOption[];
  items: { id: string; label: string; relevant: string | null; measure: string | null }[];
  measure: string | null;
  source: string | null;
}

export interface PreviewModel {
  code: string;
  version: string;
  kind: string;
  title: string;
  description: string;
  sections: { id: string; title: string; description: string; relevant: string | null; questions: PreviewQuestion[] }[];
}

function measureText(m: Measure | undefined): string | null {
  if (!m) return null;
  const parts = Object.entries(m)
    .filter(([k]) => !['recode', 'scale', 'polarity', 'weight'].includes(k))
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.join(' · ');
}

const partialOf: Record<Question['type'], PreviewQuestion['partial']> = {
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
  calculate: 'calculate',
};

function optionsOf(def: Definition, q: Question): readonly Option[] {
  if (q.type === 'yesno') return yesNoOptions(q.dontKnow ?? false, q.refuse ?? false);
  if ('scale' in q && q.scale) return def.scales[q.scale]?.options ?? [];
  if ('options' in q && q.options) return q.options;
  return [];
}

function rangeOf(q: Question): string | null {
  if (q.type !== 'integer' && q.type !== 'decimal' && q.type !== 'date') return null;
  if (q.min === undefined && q.max === undefined) return null;
  return `${String(q.min ?? '…')} – ${String(q.max ?? '…')}`;
}

function questionModel(def: Definition, q: Question, lang: Lang): PreviewQuestion {
  const rules = q.type === 'calculate' || q.type === 'note' ? null : q;
  return {
    id: q.id,
    type: q.type,
    partial: partialOf[q.type],
    label: pickLabel(q.label, lang) || q.id,
    hint: q.type === 'calculate' ? '' : pickLabel(q.hint, lang),
    required: rules?.required ?? false,
    relevant: q.type === 'calculate' ? null : (q.relevant ?? null),
    constraint: rules?.constraint ?? null,
    constraintMessage: pickLabel(rules?.constraintMessage, lang) || null,
    calculation: q.type === 'calculate' ? q.calculation : null,
    range: rangeOf(q),
    options: optionsOf(def, q).map((o) => ({
      value: o.value,
      label: pickLabel(o.label, lang),
      missing: o.missing !== undefined,
    })),
    items:
      q.type === 'grid'
        ? q.items.map((i) => ({
            id: i.id,
            label: pickLabel(i.label, lang),
            relevant: i.relevant ?? null,
            measure: measureText(i.measure),
          }))
        : [],
    measure: measureText(q.measure),
    source: q.type === 'calculate' ? null : (q.source ?? null),
  };
}

export function previewModel(survey: LoadedSurvey, lang: Lang): PreviewModel {
  const def = survey.questionnaire.definition;
  return {
    code: def.code,
    version: def.version,
    kind: def.kind,
    title: pickLabel(def.title, lang),
    description: pickLabel(def.description, lang),
    sections: def.sections.map((s) => ({
      id: s.id,
      title: pickLabel(s.title, lang),
      description: pickLabel(s.description, lang),
      relevant: s.relevant ?? null,
      questions: s.questions.map((q) => questionModel(def, q, lang)),
    })),
  };
}
