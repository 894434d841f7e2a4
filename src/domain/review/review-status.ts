// A supervisor's review of an interview (in the style of ODK Central's review states and SurveyCTO's review
// workflow): none until reviewed, then approved, has issues (returned to its surveyor with comments) or rejected.
// A rejected interview is not a respondent: it is left out of every estimate and counts as a non-response in the
// base weights. A returned one comes back from its surveyor as a new version of the same interview.
import { z } from 'zod';

export const reviewStatuses = ['none', 'approved', 'has_issues', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** What a supervisor may decide; `none` is only the state before any review (and after a correction). */
export const reviewDecisions = ['approved', 'has_issues', 'rejected'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionSchema = z.enum(reviewDecisions);

export const reviewStatusLabels: Record<ReviewStatus, { vi: string; en: string }> = {
  none: { vi: 'Chưa duyệt', en: 'Not reviewed' },
  approved: { vi: 'Đạt', en: 'Approved' },
  has_issues: { vi: 'Có vấn đề, trả lại điều tra viên', en: 'Has issues, returned to the surveyor' },
  rejected: { vi: 'Loại bỏ', en: 'Rejected' },
};

/** Stored text of a status, read back safely: anything unknown is treated as not reviewed. */
export function asReviewStatus(value: string | null | undefined): ReviewStatus {
  return (reviewStatuses as readonly string[]).includes(value ?? '') ? (value as ReviewStatus) : 'none';
}

/** Whether an interview in this state is a respondent of the estimates (and of its village's base weights). */
export function countsInEstimates(status: ReviewStatus): boolean {
  return status !== 'rejected';
}

/** Whether the interview waits on its surveyor's phone for a correction. */
export function isReturned(status: ReviewStatus): boolean {
  return status === 'has_issues';
}

export interface ReviewInput {
  decision: ReviewDecision;
  /** The version the supervisor looked at. */
  version: number;
  /** A general comment (the reason of a rejection). */
  comment: string;
  /** Comments by question (field) id; empty ones are dropped. */
  comments: Readonly<Record<string, string>>;
}

export interface ReviewProblem {
  field: string;
  message: string;
}

export const maxReviewCommentLength = 1000;

type Lang = 'vi' | 'en';
const say = {
  unknownQuestion: { vi: 'Phiếu này không có câu {id}', en: 'no question {id} in this interview' },
  tooLong: { vi: `Tối đa ${maxReviewCommentLength} ký tự`, en: `at most ${maxReviewCommentLength} characters` },
  returnNeedsComment: {
    vi: 'Khi trả lại phiếu, hãy ghi nhận xét cho ít nhất một câu hỏi',
    en: 'a return needs a comment on at least one question',
  },
  rejectNeedsReason: { vi: 'Hãy ghi lý do loại bỏ phiếu', en: 'a rejection needs its reason' },
  changed: { vi: 'phiếu bị trả lại: {was}; bản sửa: {now}', en: 'returned: {was}; correction: {now}' },
  none: { vi: 'không có', en: 'none' },
  consent: {
    vi: 'Người trả lời đã từ chối và hộ dự phòng đã được mở; hãy phỏng vấn lại thành phiếu mới',
    en: 'the person declined and a reserve was released; record a new interview',
  },
} as const;
const fill = (text: string, values: Record<string, string>): string =>
  Object.entries(values).reduce((t, [k, v]) => t.split(`{${k}}`).join(v), text);

/**
 * Why a review cannot be recorded as it is, as form fields and messages (empty when it can). A return needs at
 * least one comment on a question, so that the surveyor knows what to correct; a rejection needs its reason;
 * comments name questions of the interview's questionnaire. A review of an older version than the current one is
 * not a problem of the form: the caller refuses it as stale (409).
 * @example reviewProblems({ decision: 'has_issues', version: 1, comment: '', comments: {} }, new Set(['q1']))
 *   // [{ field: 'comments', message: 'a return needs a comment on at least one question' }]
 */
export function reviewProblems(
  input: ReviewInput,
  questionIds: ReadonlySet<string>,
  lang: Lang = 'en',
): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const named = Object.entries(input.comments).filter(([, text]) => text.trim() !== '');
  for (const [id, text] of named) {
    if (!questionIds.has(id))
      problems.push({ field: `comments.${id}`, message: fill(say.unknownQuestion[lang], { id }) });
    else if (text.trim().length > maxReviewCommentLength)
      problems.push({ field: `comments.${id}`, message: say.tooLong[lang] });
  }
  if (input.comment.trim().length > maxReviewCommentLength)
    problems.push({ field: 'comment', message: say.tooLong[lang] });
  if (input.decision === 'has_issues' && named.length === 0)
    problems.push({ field: 'comments', message: say.returnNeedsComment[lang] });
  if (input.decision === 'rejected' && input.comment.trim() === '')
    problems.push({ field: 'comment', message: say.rejectNeedsReason[lang] });
  return problems;
}

/** The non-empty comments of a review, trimmed, in the given question order. */
export function reviewComments(
  comments: Readonly<Record<string, string>>,
  order: readonly string[],
): { question: string; comment: string }[] {
  return order
    .filter((id) => (comments[id] ?? '').trim() !== '')
    .map((id) => ({ question: id, comment: (comments[id] ?? '').trim() }));
}

export type ResendVerdict = 'duplicate' | 'new_version' | 'conflict';

/**
 * What a resubmission under a stored interview's id is. The same content as the current or an earlier version is
 * a duplicate (a phone resending). Other content is a new version only while the interview is returned and only
 * from the surveyor who collected it; otherwise it is a conflict kept aside for a supervisor, as before reviews.
 * @example
 *   resendVerdict({ hashes: ['a'], status: 'has_issues', collectedBy: 7 }, { hash: 'b', submitter: 7 }) // new_version
 *   resendVerdict({ hashes: ['a'], status: 'approved', collectedBy: 7 }, { hash: 'b', submitter: 7 }) // 'conflict'
 */
export function resendVerdict(
  stored: { hashes: readonly string[]; status: ReviewStatus; collectedBy: number | null },
  incoming: { hash: string; submitter: number | null },
): ResendVerdict {
  if (stored.hashes.includes(incoming.hash)) return 'duplicate';
  const sameSurveyor = stored.collectedBy !== null && incoming.submitter === stored.collectedBy;
  return isReturned(stored.status) && sameSurveyor ? 'new_version' : 'conflict';
}

/**
 * What in a corrected interview may not change from the returned one, as (field, was, now) triples: the
 * questionnaire and its version (answers compare only within one), the household, and a declined consent (its
 * refusal already released a reserve, which cannot be taken back). Empty when the correction may be stored.
 */
export function correctionMismatches(
  stored: { survey: string; surveyVersion: string; assignmentId: string | null; declinedConsent: boolean },
  sent: { survey: string; surveyVersion: string; assignmentId: string | null; declinedConsent: boolean },
  lang: Lang = 'en',
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const same: ['survey' | 'surveyVersion' | 'assignmentId', string | null, string | null][] = [
    ['survey', stored.survey, sent.survey],
    ['surveyVersion', stored.surveyVersion, sent.surveyVersion],
    ['assignmentId', stored.assignmentId, sent.assignmentId],
  ];
  for (const [field, was, now] of same)
    if (was !== now)
      out.push({ field, message: fill(say.changed[lang], { was: was ?? say.none[lang], now: now ?? say.none[lang] }) });
  if (stored.declinedConsent && !sent.declinedConsent) out.push({ field: 'consent', message: say.consent[lang] });
  return out;
}
