// View model of a field interview page: every section of one questionnaire version as a screen, with labels
// in both languages (the vi/en switch must work offline), each question as the shared partials take it. The
// phone builds it from the definition it downloads (bundled by scripts/field-bundle.mjs): keep it free of I/O.
import type { Label } from '../../domain/questionnaire/index.js';
import type { LoadedSurvey } from '../../services/surveys/registry.js';
import { questionView, type QuestionView } from './question.js';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldScreen {
  id: string;
  title: Bilingual;
  description: Bilingual | null;
  questions: QuestionView<Bilingual>[];
}

export interface FieldInterviewModel {
  code: string;
  version: string;
  title: Bilingual;
  screens: FieldScreen[];
}

export const both = (label: Label): Bilingual => ({ vi: label.vi, en: label.en ?? label.vi });
const maybe = (label: Label | undefined): Bilingual | null => (label ? both(label) : null);

export function fieldInterviewModel(survey: Pick<LoadedSurvey, 'questionnaire'>): FieldInterviewModel {
  const q = survey.questionnaire;
  const def = q.definition;
  return {
    code: def.code,
    version: def.version,
    title: both(def.title),
    screens: def.sections.map((s) => ({
      id: s.id,
      title: both(s.title),
      description: maybe(s.description),
      // Calculated fields are never shown nor sent: the server recomputes them.
      questions: s.questions.flatMap((question) =>
        question.type === 'calculate' ? [] : [questionView(q, question, both)],
      ),
    })),
  };
}
