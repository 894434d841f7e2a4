// Scored item columns for the microdata, so a statistician can reproduce every figure with a plain weighted
// mean: SIPAS items as 1 satisfied / 0 not, PAPI indicators rescaled to 1-10, one-stop indicators in points;
// blank where the item does not count (not asked, or an excluded missing code).
import type { AnswerValue, Questionnaire, Scoring } from '../questionnaire/index.js';
import { pointsColumn, rescaledColumn, satisfiedColumn } from '../scoring/index.js';
import type { CodebookVariable } from './codebook.js';

export const scorePrefix = 'score_';

function scoringOf(q: Questionnaire): Scoring | null {
  return (q.definition.scoring as Scoring | undefined) ?? null;
}

export function scoredFields(q: Questionnaire): string[] {
  const index = q.definition.framework?.index;
  return scoringOf(q)
    ? q.fields.filter((f) => f.measure && f.measure.index === index && f.type !== 'calculate').map((f) => f.id)
    : [];
}

export function scoreVariables(q: Questionnaire): CodebookVariable[] {
  const scoring = scoringOf(q);
  const meaning =
    scoring?.method === 'sipas'
      ? { vi: '1 = hài lòng, 0 = chưa hài lòng', en: '1 = satisfied, 0 = not satisfied' }
      : scoring?.method === 'papi'
        ? { vi: 'chỉ số quy đổi thang 1–10', en: 'indicator rescaled to 1–10' }
        : { vi: 'điểm', en: 'points' };
  return scoredFields(q).map((id) => {
    const f = q.fieldById.get(id);
    return {
      name: `${scorePrefix}${id}`,
      question: id,
      type: 'decimal' as const,
      values: [],
      label: { vi: `${f?.label.vi ?? id} (${meaning.vi})`, en: `${f?.label.en ?? f?.label.vi ?? id} (${meaning.en})` },
    };
  });
}

/** Score cells for a page of answer records, one array per record, in scoreVariables order. */
export function scoreCells(
  q: Questionnaire,
  answers: readonly Readonly<Record<string, AnswerValue>>[],
): (number | '')[][] {
  const scoring = scoringOf(q);
  const rows = answers.map(() => [] as (number | '')[]);
  if (!scoring) return rows;
  for (const id of scoredFields(q)) {
    const field = q.fieldById.get(id);
    if (!field) continue;
    const column =
      scoring.method === 'sipas'
        ? satisfiedColumn(field, answers, scoring.satisfiedValues, scoring.exclude)
        : scoring.method === 'papi'
          ? rescaledColumn(field, answers, scoring)
          : pointsColumn(field, answers, scoring);
    column.forEach((v, k) => rows[k]?.push(Number.isNaN(v) ? '' : v));
  }
  return rows;
}
