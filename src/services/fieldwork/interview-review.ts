// Interview review for supervisors (admins see every area): the interviews of their areas by review state, one
// interview as its surveyor saw it (answers in words, time per screen, GPS when consented, flags, versions and
// earlier reviews), and the decision: approved, has issues (returned to the surveyor's phone with a comment per
// question) or rejected (out of the estimates, a non-response in the weights). Every decision is audited.
import type { AppContext } from '../../context.js';
import { countOpenConflicts, findResponseById } from '../../db/queries/responses.js';
import {
  findInterviewForReview,
  insertReview,
  listDurationsBySurvey,
  listInterviewsForReview,
  listScreenTimesBySeq,
  listVersionsBySeq,
  updateReviewStatus,
} from '../../db/queries/reviews.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { interviewDay } from '../../domain/calendar/vietnam-time.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { declinedConsent, type Label, type Questionnaire } from '../../domain/questionnaire/index.js';
import { answerSheet, answerText, commentableFields, type SheetSection } from '../../domain/review/answer-sheet.js';
import { interviewFlags, type InterviewFlag } from '../../domain/review/interview-flags.js';
import {
  asReviewStatus,
  reviewComments,
  reviewProblems,
  type ReviewInput,
  type ReviewStatus,
} from '../../domain/review/review-status.js';
import { recordAudit } from '../audit/audit-log.js';
import { fieldLabel, parseAnswers, questionnaireOf, reviewsOf, type PastReview } from './review-history.js';
import { median } from './supervision.js';
import { responseIdsInScope, type AreaScope } from './supervisor-scope.js';

export const interviewsPerPage = 25;

export interface InterviewSummary {
  id: string;
  survey: string;
  surveyor: string;
  household: string | null;
  village: string | null;
  receivedAt: string;
  minutes: number | null;
  status: ReviewStatus;
  version: number;
}

export interface InterviewPage {
  interviews: InterviewSummary[];
  total: number;
  page: number;
  pages: number;
  status: ReviewStatus | 'all';
}

/** The interviews of the scope, newest first, in one review state or all, one page of them. */
export async function listInterviews(
  ctx: AppContext,
  scope: AreaScope,
  filter: { status: ReviewStatus | 'all'; page: number },
): Promise<InterviewPage> {
  const visible = await responseIdsInScope(ctx.db, scope);
  const rows = (
    await listInterviewsForReview(ctx.db, { status: filter.status === 'all' ? null : filter.status })
  ).filter((r) => visible === null || visible.has(r.id));
  const pages = Math.max(1, Math.ceil(rows.length / interviewsPerPage));
  const page = Math.min(Math.max(1, filter.page), pages);
  return {
    interviews: rows.slice((page - 1) * interviewsPerPage, page * interviewsPerPage).map((r) => ({
      id: r.id,
      survey: r.survey_code,
      surveyor: r.username ?? '?',
      household: r.household_key,
      village: r.village_name,
      receivedAt: r.received_at,
      minutes: r.duration_seconds === null ? null : r.duration_seconds / 60,
      status: asReviewStatus(r.review_status),
      version: r.version,
    })),
    total: rows.length,
    page,
    pages,
    status: filter.status,
  };
}

type InterviewRow = NonNullable<Awaited<ReturnType<typeof findInterviewForReview>>>;

/** The interview if it is inside the scope, else 404: ids outside a supervisor's areas are not confirmed. */
async function interviewInScope(ctx: AppContext, scope: AreaScope, id: string): Promise<InterviewRow> {
  const row = await findInterviewForReview(ctx.db, id);
  const visible = await responseIdsInScope(ctx.db, scope);
  if (!row || (visible !== null && !visible.has(row.id))) throw new DomainError('interview_not_found');
  return row;
}

export interface VersionView {
  version: number;
  receivedAt: string;
  submittedBy: string;
  /** The answers that differ from the version before, in words. */
  changes: { field: string; label: Label; before: Label | null; after: Label | null }[];
}

function versionsView(q: Questionnaire, rows: Awaited<ReturnType<typeof listVersionsBySeq>>): VersionView[] {
  return rows.map((v, k) => {
    const before = k === 0 ? null : parseAnswers(rows[k - 1]?.answers_json ?? '{}');
    const after = parseAnswers(v.answers_json);
    const changes = before
      ? q.fields
          .filter((f) => f.type !== 'calculate' && JSON.stringify(before[f.id]) !== JSON.stringify(after[f.id]))
          .map((f) => ({
            field: f.id,
            label: fieldLabel(q, f.id),
            before: answerText(f, before[f.id]).answer,
            after: answerText(f, after[f.id]).answer,
          }))
      : [];
    return { version: v.version, receivedAt: v.received_at, submittedBy: v.username ?? '?', changes };
  });
}

export interface InterviewReview {
  id: string;
  survey: { code: string; version: string; title: Label };
  surveyor: string;
  household: { id: string; village: string | null; commune: string | null } | null;
  startedAt: string | null;
  completedAt: string;
  receivedAt: string;
  minutes: number | null;
  status: ReviewStatus;
  version: number;
  sheet: SheetSection[];
  screens: { screen: string; title: Label; seconds: number; visits: number }[];
  /** Only when the surveyor's phone recorded a position with the respondent's consent. */
  gps: { lat: number; lon: number; accuracy: number | null; at: string | null } | null;
  flags: InterviewFlag[];
  versions: VersionView[];
  reviews: PastReview[];
  /** The comments of the review that returned the interview, while it is returned (to edit them). */
  returnComments: Record<string, string>;
}

/** One interview of the scope as a supervisor reviews it (404 interview_not_found outside the scope). */
export async function openInterview(ctx: AppContext, scope: AreaScope, id: string): Promise<InterviewReview> {
  const row = await interviewInScope(ctx, scope, id);
  const q = await questionnaireOf(ctx, row);
  const answers = parseAnswers(row.answers_json);
  const sections = new Map(q.definition.sections.map((s) => [s.id, s.title]));
  const durations = (await listDurationsBySurvey(ctx.db, row.survey_code)).map((r) => r.duration_seconds ?? 0);
  const status = asReviewStatus(row.review_status);
  const reviews = (await reviewsOf(ctx, q, [row.seq])).map((r) => r.review);
  const latest = reviews[0];
  return {
    id: row.id,
    survey: { code: row.survey_code, version: row.survey_version, title: q.definition.title },
    surveyor: row.display_name ?? row.username ?? '?',
    household:
      row.household_key === null
        ? null
        : { id: row.household_key, village: row.village_name, commune: row.commune_name },
    startedAt: row.started_at,
    completedAt: row.completed_at,
    receivedAt: row.received_at,
    minutes: row.duration_seconds === null ? null : row.duration_seconds / 60,
    status,
    version: row.version,
    sheet: answerSheet(q, answers, interviewDay(row.completed_at)),
    screens: (await listScreenTimesBySeq(ctx.db, row.seq)).map((s) => ({
      ...s,
      title: sections.get(s.screen) ?? { vi: s.screen, en: s.screen },
    })),
    gps:
      row.gps_lat === null || row.gps_lon === null
        ? null
        : { lat: row.gps_lat, lon: row.gps_lon, accuracy: row.gps_accuracy_m, at: row.gps_at },
    flags: interviewFlags({
      durationSeconds: row.source === 'field' ? row.duration_seconds : null,
      surveyMedianSeconds: median(durations),
      declinedConsent: declinedConsent(answers),
      openConflicts: await countOpenConflicts(ctx.db, row.id),
      version: row.version,
    }),
    versions: versionsView(q, await listVersionsBySeq(ctx.db, row.seq)),
    reviews,
    returnComments:
      status === 'has_issues' && latest?.status === 'has_issues'
        ? Object.fromEntries(latest.comments.map((c) => [c.field, c.comment]))
        : {},
  };
}

/**
 * Records a supervisor's decision on the interview's current version. Refused: outside the scope (404), a form
 * with problems (400 invalid_request, each on its field), a version that is no longer current (409
 * review_stale: the surveyor sent a correction meanwhile). A change into or out of "rejected" recomputes the base
 * weights of the interview's village.
 */
export async function reviewInterview(
  ctx: AppContext,
  scope: AreaScope,
  id: string,
  input: ReviewInput,
  actor: Actor,
  lang: Lang,
): Promise<ReviewStatus> {
  const row = await interviewInScope(ctx, scope, id);
  const q = await questionnaireOf(ctx, row);
  const order = commentableFields(q);
  const problems = reviewProblems(input, new Set(order), lang);
  if (problems.length > 0)
    throw new DomainError(
      'invalid_request',
      problems.map((p) => ({ ...p })),
    );
  const comments = reviewComments(input.comments, order);
  return inTransaction(ctx.db, async (trx) => {
    const current = await findResponseById(trx, id);
    if (!current) throw new DomainError('interview_not_found');
    if (current.version !== input.version)
      throw new DomainError('review_stale', [{ field: 'version', message: `${input.version} → ${current.version}` }]);
    const now = ctx.clock.now();
    const before = asReviewStatus(current.review_status);
    await insertReview(
      trx,
      {
        response_seq: current.seq,
        version: current.version,
        status: input.decision,
        comment: input.comment.trim() === '' ? null : input.comment.trim(),
        reviewed_at: now.toISOString(),
        reviewed_by: actor.userId,
      },
      comments,
    );
    // A rejected interview's household becomes a non-respondent of its village where weights are read.
    await updateReviewStatus(trx, current.seq, input.decision);
    await recordAudit(trx, now, {
      action: 'response.review',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `response:${id}`,
      details: { status: input.decision, from: before, version: current.version, comments: comments.length },
    });
    return input.decision;
  });
}
