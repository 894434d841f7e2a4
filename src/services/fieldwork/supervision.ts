// What a supervisor reviews: interviews per surveyor with those much shorter than the survey's median flagged,
// and conflicting resubmissions to resolve (keep the stored interview, or replace it as a new submission would be,
// the stored one staying in the interview's versions).
import type { AppContext } from '../../context.js';
import {
  findConflictById,
  findResponseById,
  listFieldInterviewDurations,
  listOpenConflicts,
  replaceResponseContent,
  resolveConflict,
} from '../../db/queries/responses.js';
import { findUserById } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import type { Actor } from '../../domain/actor.js';
import { isShortInterview, shortInterviewRatio } from '../../domain/review/interview-flags.js';
import { recordAudit } from '../audit/audit-log.js';
import { parseEnvelope, type PreparedSubmission } from '../submissions/envelope.js';
import { answerErrorsOf, prepareEnvelope } from '../submissions/store.js';
import { appendVersion } from '../submissions/versions.js';
import { responseIdsInScope, type AreaScope } from './supervisor-scope.js';

export { shortInterviewRatio };

export interface SurveyorSummary {
  surveyor: string;
  interviews: number;
  medianMinutes: number | null;
  flagged: number;
}

export interface FlaggedInterview {
  id: string;
  surveyor: string;
  survey: string;
  minutes: number;
  surveyMedianMinutes: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The interviews inside the scope (a supervisor's districts), summarised per surveyor, short ones flagged. */
export async function interviewReview(
  ctx: AppContext,
  scope: AreaScope,
): Promise<{ surveyors: SurveyorSummary[]; flagged: FlaggedInterview[] }> {
  const visible = await responseIdsInScope(ctx.db, scope);
  const rows = (await listFieldInterviewDurations(ctx.db)).filter((r) => visible === null || visible.has(r.id));
  const surveyMedian = new Map<string, number | null>();
  for (const code of new Set(rows.map((r) => r.survey_code))) {
    surveyMedian.set(
      code,
      median(
        rows.filter((r) => r.survey_code === code && r.duration_seconds !== null).map((r) => r.duration_seconds ?? 0),
      ),
    );
  }
  const flagged: FlaggedInterview[] = rows
    .filter((r) => isShortInterview(r.duration_seconds, surveyMedian.get(r.survey_code)))
    .map((r) => ({
      id: r.id,
      surveyor: r.username ?? '?',
      survey: r.survey_code,
      minutes: (r.duration_seconds ?? 0) / 60,
      surveyMedianMinutes: (surveyMedian.get(r.survey_code) ?? 0) / 60,
    }));
  const names = [...new Set(rows.map((r) => r.username ?? '?'))].sort();
  const surveyors = names.map((name) => {
    const mine = rows.filter((r) => (r.username ?? '?') === name);
    const m = median(mine.filter((r) => r.duration_seconds !== null).map((r) => r.duration_seconds ?? 0));
    return {
      surveyor: name,
      interviews: mine.length,
      medianMinutes: m === null ? null : m / 60,
      flagged: flagged.filter((f) => f.surveyor === name).length,
    };
  });
  return { surveyors, flagged };
}

/** What one answer was and what the resubmission says, as JSON text (cut at a length for the page). */
export interface ConflictChange {
  question: string;
  stored: string;
  incoming: string;
}

export interface ConflictView {
  id: number;
  responseId: string;
  receivedAt: string;
  submittedBy: string;
  /** The questionnaire the resubmission names. */
  survey: string;
  /** Size of the kept payload, in characters. */
  payloadChars: number;
  /** How many answers differ; `changed` lists the first of them. */
  changedCount: number;
  changed: ConflictChange[];
}

export interface ConflictPage {
  conflicts: ConflictView[];
  total: number;
  /** 1-based; the last page when the one asked for is past the end. */
  page: number;
  pages: number;
}

/** Conflicts on one page of /supervise; each shows its first changes, and its own page shows them all. */
export const conflictsPerPage = 20;
const listedChanges = { onList: 10, onDetail: 500 };
const shownChars = { onList: 200, onDetail: 5000 };

function shown(value: unknown, max: number): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The differences between a kept conflict and the stored response, the first `limit` of them. */
async function describeConflict(
  ctx: AppContext,
  c: { id: number; response_id: string; received_at: string; username: string | null },
  limits: { changes: number; chars: number },
): Promise<ConflictView> {
  const full = await findConflictById(ctx.db, c.id);
  const stored = await findResponseById(ctx.db, c.response_id);
  const payload = full ? (JSON.parse(full.payload_json) as { survey?: unknown; answers?: unknown }) : {};
  const incoming =
    typeof payload.answers === 'object' && payload.answers !== null ? (payload.answers as Record<string, unknown>) : {};
  const storedAnswers = stored ? (JSON.parse(stored.answers_json) as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(storedAnswers), ...Object.keys(incoming)])].sort();
  const differ = keys.filter((k) => JSON.stringify(storedAnswers[k]) !== JSON.stringify(incoming[k]));
  return {
    id: c.id,
    responseId: c.response_id,
    receivedAt: c.received_at,
    submittedBy: c.username ?? '?',
    survey: typeof payload.survey === 'string' ? payload.survey : '?',
    payloadChars: full?.payload_json.length ?? 0,
    changedCount: differ.length,
    changed: differ.slice(0, limits.changes).map((k) => ({
      question: k,
      stored: shown(storedAnswers[k], limits.chars),
      incoming: shown(incoming[k], limits.chars),
    })),
  };
}

/**
 * One page of the open conflicts inside the scope, oldest first: each with its first changes (values cut at 200
 * characters), so that the page stays short whatever was sent. Payloads are read for this page's conflicts only.
 */
export async function openConflicts(ctx: AppContext, scope: AreaScope, page = 1): Promise<ConflictPage> {
  const visible = await responseIdsInScope(ctx.db, scope);
  const all = (await listOpenConflicts(ctx.db)).filter((c) => visible === null || visible.has(c.response_id));
  const pages = Math.max(1, Math.ceil(all.length / conflictsPerPage));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const slice = all.slice((current - 1) * conflictsPerPage, current * conflictsPerPage);
  const conflicts: ConflictView[] = [];
  for (const c of slice)
    conflicts.push(await describeConflict(ctx, c, { changes: listedChanges.onList, chars: shownChars.onList }));
  return { conflicts, total: all.length, page: current, pages };
}

/** One open conflict inside the scope with all its changes (404 conflict_not_found otherwise). */
export async function openConflict(ctx: AppContext, scope: AreaScope, id: number): Promise<ConflictView> {
  const conflict = await findConflictById(ctx.db, id);
  const visible = await responseIdsInScope(ctx.db, scope);
  if (!conflict || conflict.resolved_at !== null || (visible !== null && !visible.has(conflict.response_id)))
    throw new DomainError('conflict_not_found');
  const who = conflict.submitted_by === null ? null : await findUserById(ctx.db, conflict.submitted_by);
  return describeConflict(
    ctx,
    { ...conflict, username: who?.username ?? null },
    { changes: listedChanges.onDetail, chars: shownChars.onDetail },
  );
}

/**
 * Keeps the stored interview, or replaces it by the conflicting resubmission, prepared exactly as
 * POST /api/v1/responses prepares a submission (answers, hash, paradata columns, screen times).
 */
export async function resolveSubmissionConflict(
  ctx: AppContext,
  conflictId: number,
  action: 'keep' | 'replace',
  actor: Actor,
  lang: Lang,
  scope: AreaScope,
): Promise<void> {
  const conflict = await findConflictById(ctx.db, conflictId);
  const visible = await responseIdsInScope(ctx.db, scope);
  if (!conflict || conflict.resolved_at !== null || (visible !== null && !visible.has(conflict.response_id)))
    throw new DomainError('conflict_not_found');
  const replacement = action === 'replace' ? await prepareReplacement(ctx, conflict, lang) : null;
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    if (replacement) {
      // The stored interview stays in the history as the version before this one.
      const stored = await findResponseById(trx, conflict.response_id);
      if (stored)
        await appendVersion(trx, stored, {
          answers_json: replacement.answersJson,
          content_hash: replacement.hash,
          completed_at: replacement.completedAt,
          received_at: conflict.received_at,
          submitted_by: conflict.submitted_by,
          paradata_json: JSON.stringify({
            startedAt: replacement.startedAt,
            ...replacement.paradata,
            screens: replacement.screens,
          }),
        });
      await replaceResponseContent(
        trx,
        conflict.response_id,
        {
          answers_json: replacement.answersJson,
          content_hash: replacement.hash,
          started_at: replacement.startedAt,
          completed_at: replacement.completedAt,
          ...replacement.paradata,
        },
        replacement.screens,
      );
    }
    await resolveConflict(trx, conflictId, {
      resolved_at: now.toISOString(),
      resolved_by: actor.userId,
      resolution: action === 'replace' ? 'replaced' : 'kept_original',
    });
    await recordAudit(trx, now, {
      action: `response.conflict_${action}`,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `response:${conflict.response_id}`,
    });
  });
}

/**
 * The kept payload as a submission: it must be for the stored response's questionnaire version (answers are
 * only comparable within one) and its answers must be valid. Its hash stays the one the conflict was kept
 * under, so that sending the same payload again is a duplicate.
 */
async function prepareReplacement(
  ctx: AppContext,
  conflict: { response_id: string; payload_json: string; content_hash: string },
  lang: Lang,
): Promise<PreparedSubmission> {
  const envelope = parseEnvelope(JSON.parse(conflict.payload_json));
  const stored = await findResponseById(ctx.db, conflict.response_id);
  if (!stored) throw new DomainError('conflict_not_found');
  const fields: [string, string, string][] = [
    ['survey', stored.survey_code, envelope.survey],
    ['surveyVersion', stored.survey_version, envelope.surveyVersion],
  ];
  const differ = fields.filter(([, was, sent]) => was !== sent);
  if (differ.length > 0) {
    throw new DomainError(
      'conflict_survey_mismatch',
      differ.map(([field, was, sent]) => ({ field, message: `stored: ${was}; resubmission: ${sent}` })),
    );
  }
  const prepared = await prepareEnvelope(ctx, envelope, { lang, hash: conflict.content_hash });
  if (prepared.answerErrors.length > 0) throw answerErrorsOf(prepared);
  return prepared;
}
