// The compiled questionnaire that every consumer uses: the field app, the kiosk, the API validation and the
// preview. Fields are the answerable variables in questionnaire order, with grid items flattened; notes are the
// texts that hold no answer but are shown or hidden by conditions too.
import type { Expr } from '../expressions/index.js';
import type { AnswerValue } from './coerce.js';
import type { Definition, Label, Measure, Option, QuestionType } from './schema.js';

export type FieldType = Exclude<QuestionType, 'note' | 'grid'>;

export interface Field {
  id: string;
  type: FieldType;
  label: Label;
  sectionId: string;
  /** The question that shows this field: itself, or the grid it belongs to. */
  questionId: string;
  /** Resolved options for single, multi, scale, yesno and grid items; null for the other types. */
  options: readonly Option[] | null;
  /** All must hold for the field to be asked: section, question and (for grid items) item conditions. */
  relevant: readonly Expr[];
  required: boolean | Expr;
  requiredMessage: Label | null;
  constraint: Expr | null;
  constraintMessage: Label | null;
  calculation: Expr | null;
  /** The answer a new interview starts with (XLSForm `default`), already checked like an answer; null for none. */
  default: AnswerValue | null;
  /** single and multi: the options shown are those for which it holds (choice-filter.ts). */
  choiceFilter: Expr | null;
  min: number | string | null;
  max: number | string | null;
  maxLength: number | null;
  pattern: RegExp | null;
  minSelected: number | null;
  maxSelected: number | null;
  measure: Measure | null;
  pii: boolean;
}

/** A note: text shown to the interviewer or respondent, holding no answer. */
export interface Note {
  id: string;
  sectionId: string;
  /** All must hold for the note to be shown: section and note conditions. */
  relevant: readonly Expr[];
}

export interface Questionnaire {
  definition: Definition;
  fields: readonly Field[];
  fieldById: ReadonlyMap<string, Field>;
  notes: readonly Note[];
}

export interface DefinitionIssue {
  /** JSON path into the definition file, e.g. `$.sections[1].questions[0].relevant`. */
  path: string;
  message: string;
  /** Character offset inside an expression, when the issue is in one. */
  position?: number;
}

export const yesNoOptions = (dontKnow: boolean, refuse: boolean): Option[] => [
  { value: 1, label: { vi: 'Có', en: 'Yes' } },
  { value: 0, label: { vi: 'Không', en: 'No' } },
  ...(dontKnow ? [{ value: 98, label: { vi: 'Không biết', en: "Don't know" }, missing: 'dont_know' as const }] : []),
  ...(refuse ? [{ value: 99, label: { vi: 'Từ chối trả lời', en: 'Refused' }, missing: 'refused' as const }] : []),
];

export function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : `${acc}.${String(seg)}`),
    '$',
  );
}
