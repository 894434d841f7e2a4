// The phone's side of interview review: the caller's interviews a supervisor returned for correction, with what
// the field app needs to reopen each one (its answers) and to show the comments next to their questions.
import type { AppContext } from '../../context.js';
import { listReturnedByCollector } from '../../db/queries/reviews.js';
import type { AnswerValue } from '../../domain/questionnaire/index.js';
import { parseAnswers, questionnaireOf, reviewsOf } from './review-history.js';

/** A returned interview as the surveyor's phone receives it: enough to reopen it and show the comments. */
export interface ReturnedInterview {
  id: string;
  survey: string;
  surveyVersion: string;
  assignmentId: string | null;
  version: number;
  returnedAt: string | null;
  reviewer: string | null;
  comment: string | null;
  /** Each with the screen (section) its question is on, so that the phone can open it there. */
  comments: { field: string; screen: string | null; label: { vi: string; en: string }; comment: string }[];
  /** The current answers, without calculated values (the phone sends none; the server recomputes them). */
  answers: Record<string, AnswerValue>;
  startedAt: string | null;
  completedAt: string;
}

/** The caller's interviews returned for correction, oldest first, each with its return's comments. */
export async function returnedInterviews(ctx: AppContext, userId: number): Promise<ReturnedInterview[]> {
  const rows = await listReturnedByCollector(ctx.db, userId);
  const out: ReturnedInterview[] = [];
  for (const r of rows) {
    const q = await questionnaireOf(ctx, r);
    const latest = (await reviewsOf(ctx, q, [r.seq]))[0]?.review;
    const answers = parseAnswers(r.answers_json);
    for (const f of q.fields) if (f.type === 'calculate') delete answers[f.id];
    out.push({
      id: r.id,
      survey: r.survey_code,
      surveyVersion: r.survey_version,
      assignmentId: r.assignment_id,
      version: r.version,
      returnedAt: latest?.reviewedAt ?? null,
      reviewer: latest?.reviewer ?? null,
      comment: latest?.comment ?? null,
      comments: (latest?.comments ?? []).map((c) => ({
        field: c.field,
        screen: q.fieldById.get(c.field)?.sectionId ?? null,
        label: { vi: c.label.vi, en: c.label.en ?? c.label.vi },
        comment: c.comment,
      })),
      answers,
      startedAt: r.started_at,
      completedAt: r.completed_at,
    });
  }
  return out;
}
