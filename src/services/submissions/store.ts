// Storing an interview exactly once. The device makes the UUID; the same UUID with the same content answers
// "duplicate", with other (valid) content it is kept aside as a conflict for a supervisor, never merged, at most
// maxOpenConflicts per response, unless the interview was returned to its surveyor for correction: then that
// surveyor's resend is its new version (versions.ts). Answers are checked by the same validateAnswers the phone
// runs. A stored field interview completes its assignment.
import type { AppContext } from '../../context.js';
import { findAssignmentById, updateDisposition } from '../../db/queries/assignments.js';
import {
  countOpenConflicts,
  findResponseById,
  findResponseIdByAssignment,
  insertConflict,
  insertResponse,
  isConflictKept,
} from '../../db/queries/responses.js';
import type { Db } from '../../db/database.js';
import type { ResponseRow, ResponseTable } from '../../db/schema.js';
import { DomainError, type ErrorDetail, type Lang } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { moreAnswerErrorsMessage } from '../../domain/questionnaire/index.js';
import { asReviewStatus, resendVerdict } from '../../domain/review/review-status.js';
import { householdSelectionKey, selectionProblem } from '../../domain/sampling/index.js';
import type { SessionUser } from '../accounts/users.js';
import { recordAudit } from '../audit/audit-log.js';
import { releaseNextReserve } from '../fieldwork/assignments.js';
import { prepareSubmission, type PreparedSubmission, type ResponseEnvelope } from './envelope.js';
import { knownHashes, storeCorrection } from './versions.js';

/** `new_version`: the correction of a returned interview, stored as its version `version`. */
export type SubmitOutcome = { id: string; status: 'stored' | 'duplicate' | 'new_version'; version?: number };

/**
 * Distinct conflicting versions of one response kept open for review at once; a further one is refused (409
 * too_many_conflicts) until a supervisor resolves some. A phone resends one version, so 5 is plenty.
 */
export const maxOpenConflicts = 5;

/**
 * The 422 of a prepared submission whose answers are not valid: one detail per question for the first
 * listedAnswerErrors, then one `more_errors` detail with the count of the rest.
 */
export function answerErrorsOf(s: PreparedSubmission): DomainError {
  const listed: ErrorDetail[] = s.answerErrors.map((e) => ({ question: e.question, code: e.code, message: e.message }));
  const more = s.answerErrorCount - listed.length;
  if (more > 0)
    listed.push({ code: 'more_errors', count: more, message: moreAnswerErrorsMessage(more, listed.length, s.lang) });
  return new DomainError('invalid_answers', listed, { totalErrors: s.answerErrorCount });
}

/** Prepares an envelope on this thread: its questionnaire version must exist (404 otherwise). */
export async function prepareEnvelope(
  ctx: AppContext,
  envelope: ResponseEnvelope,
  opts: { lang: Lang; hash?: string | (() => string) },
): Promise<PreparedSubmission> {
  const survey = await ctx.surveys.version(envelope.survey, envelope.surveyVersion);
  return prepareSubmission(survey.questionnaire, envelope, opts);
}

export interface SubmitOptions {
  source: 'field' | 'import';
  lang: Lang;
  /** For backup imports by an admin: the interview belongs to the assignment's surveyor, not the importer. */
  onBehalfOfAssignee?: boolean;
}

/** Where a submission belongs (an assignment, a kiosk counter): checked inside the storing transaction. */
export interface Placement {
  columns: Partial<
    Pick<
      ResponseTable,
      | 'assignment_id'
      | 'collected_by'
      | 'kiosk_counter_id'
      | 'kiosk_device_id'
      | 'dossier_code'
      | 'local_day'
      | 'rating'
    >
  >;
  /** Runs after the row is stored, in the same transaction. */
  afterInsert?: (trx: Db) => Promise<void>;
  /**
   * The answer when, at the insert, another response (another id) already holds this placement's unique key: a
   * concurrent request stored it after this one's own check (on PostgreSQL, where requests write side by side).
   */
  taken?: DomainError;
}

export interface StoreRequest {
  submission: PreparedSubmission;
  submitter: { userId: number | null; label: string };
  /** 'qr' and 'link': ratings from citizens' own phones (services/ratings). */
  source: 'field' | 'import' | 'kiosk' | 'qr' | 'link';
  place: (trx: Db) => Promise<Placement>;
  /** Whether the caller may speak about an already stored response with this id (its collector or device). */
  owns: (existing: Pick<ResponseRow, 'collected_by' | 'kiosk_device_id' | 'kiosk_counter_id' | 'source'>) => boolean;
}

/**
 * The one path by which an interview or rating is stored: duplicate and conflict detection on the device's id,
 * the placement check, the answers' verdict, then one row with its paradata, all in one transaction. The
 * submission was prepared before (hash, validation), so the shared transaction holds only database work.
 */
export async function storeResponse(ctx: AppContext, req: StoreRequest): Promise<SubmitOutcome> {
  const s = req.submission;
  const now = ctx.clock.now();
  const result = await ctx.groupCommit(async (trx) => {
    const answerExisting = async (existing: ResponseRow) => {
      // Someone else's interview: neither acknowledged nor kept aside, so ids cannot be used to plant conflicts.
      if (!req.owns(existing)) throw new DomainError('forbidden', [detail('id', 'id_taken')]);
      if (existing.content_hash === s.hash) return { status: 'duplicate' as const };
      const verdict =
        req.source !== 'field' && req.source !== 'import'
          ? 'conflict'
          : resendVerdict(
              {
                hashes: await knownHashes(trx, existing),
                status: asReviewStatus(existing.review_status),
                collectedBy: existing.collected_by,
              },
              { hash: s.hash, submitter: req.submitter.userId },
            );
      if (verdict === 'duplicate') return { status: 'duplicate' as const };
      // Other content is checked as a new submission would be, and kept aside only if it could be stored: a
      // supervisor never reviews (and the database never keeps) answers that no path would accept.
      if (s.answerErrorCount > 0) throw answerErrorsOf(s);
      if (verdict === 'new_version')
        return {
          status: 'new_version' as const,
          version: await storeCorrection(ctx, trx, existing, s, req.submitter, now),
        };
      if (await isConflictKept(trx, s.id, s.hash)) return { status: 'conflict' as const };
      if ((await countOpenConflicts(trx, s.id)) >= maxOpenConflicts) {
        throw new DomainError('too_many_conflicts', [detail('id', 'conflicts_waiting', { max: maxOpenConflicts })]);
      }
      await insertConflict(trx, {
        response_id: s.id,
        received_at: now.toISOString(),
        submitted_by: req.submitter.userId,
        payload_json: s.payloadJson,
        content_hash: s.hash,
      });
      await recordAudit(trx, now, {
        action: 'response.conflict',
        actorUserId: req.submitter.userId,
        actorLabel: req.submitter.label,
        target: `response:${s.id}`,
      });
      return { status: 'conflict' as const };
    };
    const existing = await findResponseById(trx, s.id);
    if (existing) return answerExisting(existing);
    let placement: Placement;
    try {
      placement = await req.place(trx);
    } catch (err) {
      // A concurrent request with this id may have committed between the check above and the placement's own
      // (PostgreSQL reads what others committed, statement by statement): then this is its resend.
      const winner = err instanceof DomainError ? await findResponseById(trx, s.id) : undefined;
      if (winner) return answerExisting(winner);
      throw err;
    }
    if (s.answerErrors.length > 0) throw answerErrorsOf(s);
    const seq = await insertResponse(
      trx,
      {
        id: s.id,
        survey_code: s.survey,
        survey_version: s.surveyVersion,
        source: req.source,
        assignment_id: null,
        collected_by: req.submitter.userId,
        started_at: s.startedAt,
        completed_at: s.completedAt,
        received_at: now.toISOString(),
        answers_json: s.answersJson,
        content_hash: s.hash,
        kiosk_counter_id: null,
        kiosk_device_id: null,
        dossier_code: null,
        local_day: null,
        respondent_group: null,
        invitation_round_id: null,
        rating: null,
        ...s.paradata,
        ...placement.columns,
      },
      s.screens,
    );
    if (seq === null) {
      // A concurrent request stored first: the same id is answered as a resend of it, anything else is taken.
      const winner = await findResponseById(trx, s.id);
      if (winner) return answerExisting(winner);
      throw placement.taken ?? new DomainError('already_exists', [detail('id', 'id_taken')]);
    }
    await placement.afterInsert?.(trx);
    return { status: 'stored' as const };
  });
  if (result.status === 'conflict') throw new DomainError('submission_conflict', [detail('id', 'kept_for_review')]);
  return 'version' in result
    ? { id: s.id, status: result.status, version: result.version }
    : { id: s.id, status: result.status };
}

/** A field interview (or a backup of one): the assignment must be the caller's, released, and not yet done. */
export async function submitResponse(
  ctx: AppContext,
  user: SessionUser,
  envelope: ResponseEnvelope,
  opts: SubmitOptions,
): Promise<SubmitOutcome> {
  return submitPrepared(ctx, user, await prepareEnvelope(ctx, envelope, { lang: opts.lang }), opts);
}

/** As submitResponse, for a submission already prepared (the API prepares on a worker thread). */
export async function submitPrepared(
  ctx: AppContext,
  user: SessionUser,
  submission: PreparedSubmission,
  opts: SubmitOptions,
): Promise<SubmitOutcome> {
  const assignmentId = submission.assignmentId;
  return storeResponse(ctx, {
    submission,
    submitter: { userId: user.id, label: user.username },
    source: opts.source,
    owns: (existing) => existing.collected_by === user.id || (opts.onBehalfOfAssignee ?? false),
    place: async (trx) => {
      if (assignmentId === null) return { columns: { collected_by: user.id } };
      const assignment = await findAssignmentById(trx, assignmentId);
      if (!assignment) throw new DomainError('assignment_not_found', [detail('assignmentId', 'no_assignment')]);
      const owner = assignment.surveyor_user_id;
      if (owner === null || (owner !== user.id && !opts.onBehalfOfAssignee) || assignment.released_at === null) {
        throw new DomainError('forbidden', [detail('assignmentId', 'not_your_assignment')]);
      }
      const key = householdSelectionKey(assignment.village_code, assignment.household_key);
      const problem = submission.selection ? selectionProblem(submission.selection, key) : null;
      if (problem)
        throw new DomainError('invalid_request', [{ field: 'paradata.respondentSelection', message: problem }]);
      if (await findResponseIdByAssignment(trx, assignment.id)) {
        throw new DomainError('assignment_already_completed', [detail('assignmentId', 'household_has_interview')]);
      }
      return {
        columns: { assignment_id: assignment.id, collected_by: owner },
        taken: new DomainError('assignment_already_completed', [detail('assignmentId', 'household_has_interview')]),
        afterInsert: async (db) => {
          if (assignment.disposition !== null) return;
          const now = ctx.clock.now();
          // A declined consent is a refusal recorded through the interview: never a complete, and it releases
          // the next reserve exactly as a refusal recorded on the household card would.
          const declined = submission.declinedConsent;
          await updateDisposition(db, assignment.id, {
            disposition: declined ? 'refused' : 'completed',
            disposition_note: declined ? `consent declined (interview ${submission.id})` : null,
            disposition_at: now.toISOString(),
            disposition_by: owner,
            visits: Math.max(1, assignment.visits),
          });
          if (declined) {
            const actor = { userId: user.id, label: user.username, role: user.role };
            await releaseNextReserve(db, assignment.draw_id, assignment.village_code, now, actor);
          }
        },
      };
    },
  });
}
