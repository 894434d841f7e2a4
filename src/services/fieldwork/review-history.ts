// What the review pages and the phone share about an interview's reviews: its questionnaire, its answers, a
// field's label as a comment names it, and the reviews with their comments per question, newest first.
import type { AppContext } from '../../context.js';
import { listReviewCommentsByReviews, listReviewsBySeqs } from '../../db/queries/reviews.js';
import type { AnswerValue, Label, Questionnaire } from '../../domain/questionnaire/index.js';
import { asReviewStatus, type ReviewStatus } from '../../domain/review/review-status.js';

export async function questionnaireOf(ctx: AppContext, row: { survey_code: string; survey_version: string }) {
  return (await ctx.surveys.version(row.survey_code, row.survey_version)).questionnaire;
}

export const parseAnswers = (json: string): Record<string, AnswerValue> =>
  JSON.parse(json) as Record<string, AnswerValue>;

/** A field's label for a comment or a change: a grid item's label after its grid's. */
export function fieldLabel(q: Questionnaire, id: string): Label {
  const field = q.fieldById.get(id);
  if (!field) return { vi: id, en: id };
  if (field.questionId === field.id) return field.label;
  const grid = q.definition.sections.flatMap((s) => s.questions).find((x) => x.id === field.questionId);
  const head = grid?.label;
  return head
    ? { vi: `${head.vi} — ${field.label.vi}`, en: `${head.en ?? head.vi} — ${field.label.en ?? field.label.vi}` }
    : field.label;
}

export interface ReviewComment {
  field: string;
  label: Label;
  comment: string;
}

export interface PastReview {
  status: ReviewStatus;
  version: number;
  comment: string | null;
  reviewedAt: string;
  reviewer: string;
  comments: ReviewComment[];
}

export async function reviewsOf(ctx: AppContext, q: Questionnaire, seqs: readonly number[]) {
  const reviews = await listReviewsBySeqs(ctx.db, seqs);
  const comments = await listReviewCommentsByReviews(
    ctx.db,
    reviews.map((r) => r.id),
  );
  return reviews.map((r) => ({
    seq: r.response_seq,
    review: {
      status: asReviewStatus(r.status),
      version: r.version,
      comment: r.comment,
      reviewedAt: r.reviewed_at,
      reviewer: r.display_name ?? r.username ?? '?',
      comments: comments
        .filter((c) => c.review_id === r.id)
        .map((c) => ({ field: c.question, label: fieldLabel(q, c.question), comment: c.comment })),
    } satisfies PastReview,
  }));
}
