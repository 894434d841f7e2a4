// View model for the read-only questionnaire preview: labels resolved into one language, rules shown as text,
// each question as the shared partials take it.
import type { Lang } from '../../domain/errors.js';
import type { Label } from '../../domain/questionnaire/index.js';
import { pickLabel } from '../i18n/index.js';
import type { LoadedSurvey } from '../../services/surveys/registry.js';
import { questionView, type QuestionView } from './question.js';

export interface PreviewModel {
  code: string;
  version: string;
  kind: string;
  title: string;
  description: string;
  sections: {
    id: string;
    title: string;
    description: string;
    relevant: string | null;
    questions: QuestionView<string>[];
  }[];
}

export function previewModel(survey: LoadedSurvey, lang: Lang): PreviewModel {
  const q = survey.questionnaire;
  const def = q.definition;
  const say = (label: Label): string => pickLabel(label, lang);
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
      questions: s.questions.map((question) => questionView(q, question, say)),
    })),
  };
}
