// Storing an interview exactly once. The device makes the UUID; the same UUID with the same content answers
// "duplicate", with other content it is kept aside as a conflict for a supervisor, never merged. Answers are
// checked by the same validateAnswers the phone runs. A stored field interview completes its assignment.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { findAssignmentById, updateDisposition } from '../db/queries/assignments.js';
import { findResponseById, findResponseIdByAssignment, insertConflict, insertResponse } from '../db/queries/responses.js';
import type { Db } from '../db/database.js';
import type { ResponseParadataTable, ResponseTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { vietnamTime } from '../domain/kiosk/local-time.js';
import { canonicalJson, validateAnswers } from '../domain/questionnaire/index.js';
import type { Lang } from '../domain/errors.js';
import type { SessionUser } from './accounts.js';
import { recordAudit } from './audit.js';
import { recomputeWeights } from './fieldwork.js';

const isoInstant = z.iso.datetime({ offset: true });

export const paradataSchema = z.strictObject({
  screens: z.array(z.strictObject({ screen: z.string().min(1).max(80), seconds: z.number().min(0).max(86_400), visits: z.number().int().min(1).max(1000).default(1) })).max(500).default([]),
  changedAnswers: z.number().int().min(0).max(100_000).optional(),
  device: z.strictObject({
    userAgent: z.string().max(400).optional(),
    platform: z.string().max(80).optional(),
    screenWidth: z.number().int().min(0).max(20_000).optional(),
    screenHeight: z.number().int().min(0).max(20_000).optional(),
    appVersion: z.string().max(40).optional(),
  }).optional(),
  gps: z.strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    accuracy: z.number().min(0).max(100_000).optional(),
    at: isoInstant.optional(),
  }).optional(),
});

/** Question ids are checked one by one by validateAnswers; here only the shape and a bound on id length. */
function isAnswerMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (key.length > 80) return false;
  return true;
}

// A custom check rather than z.record: a record schema rebuilds the object entry by entry, which cost more than
// validating the answers themselves (bench/ingest).
const answerMapSchema = z.custom<Record<string, unknown>>(isAnswerMap, { message: 'answers must be an object of question ids (at most 80 characters each) to values' });

export const responseEnvelopeSchema = z.strictObject({
  id: z.uuid({ version: 'v4', message: 'id must be a UUID v4 made on the device' }),
  survey: z.string().min(1).max(80),
  surveyVersion: z.string().min(1).max(40),
  assignmentId: z.uuid().nullable().optional(),
  answers: answerMapSchema,
  startedAt: isoInstant.optional(),
  completedAt: isoInstant,
  paradata: paradataSchema.optional(),
});
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

export type SubmitOutcome = { id: string; status: 'stored' | 'duplicate' };

export function parseEnvelope(raw: unknown): ResponseEnvelope {
  const parsed = responseEnvelopeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new DomainError('invalid_request', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
}

/** The content that identifies a submission: everything the device sent except the id itself. */
export function contentHash(envelope: ResponseEnvelope): string {
  const { id: _id, ...content } = envelope;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export interface SubmitOptions {
  source: 'field' | 'import';
  lang: Lang;
  /** For backup imports by an admin: the interview belongs to the assignment's surveyor, not the importer. */
  onBehalfOfAssignee?: boolean;
}

/** Where a submission belongs (an assignment, a kiosk counter): checked inside the storing transaction. */
export interface Placement {
  columns: Partial<Pick<ResponseTable, 'assignment_id' | 'collected_by' | 'kiosk_counter_id' | 'kiosk_device_id' | 'dossier_code' | 'local_day'>>;
  /** Runs after the row is stored, in the same transaction. */
  afterInsert?: (trx: Db) => Promise<void>;
  /** A draw whose weights must be recomputed once the transaction has committed. */
  drawId?: number | null;
}

export interface StoreRequest {
  envelope: ResponseEnvelope;
  submitter: { userId: number | null; label: string };
  source: 'field' | 'import' | 'kiosk';
  lang: Lang;
  place: (trx: Db) => Promise<Placement>;
  /** Whether the caller may speak about an already stored response with this id (its collector or device). */
  owns: (existing: { collected_by: number | null; kiosk_device_id: number | null }) => boolean;
  /** The content hash when the stored envelope is not exactly what the device sent (kiosk defaults). */
  hash?: string;
}

/**
 * The one path by which an interview or rating is stored: duplicate and conflict detection on the device's id,
 * the placement check, answer validation, then one row with its paradata, all in one transaction.
 */
export async function storeResponse(ctx: AppContext, req: StoreRequest): Promise<SubmitOutcome> {
  const { envelope } = req;
  const survey = await ctx.surveys.version(envelope.survey, envelope.surveyVersion);
  const hash = req.hash ?? contentHash(envelope);
  const now = ctx.clock.now();
  const result = await ctx.groupCommit(async (trx) => {
    const existing = await findResponseById(trx, envelope.id);
    if (existing) {
      // Someone else's interview: neither acknowledged nor kept aside, so ids cannot be used to plant conflicts.
      if (!req.owns(existing)) throw new DomainError('forbidden', [{ field: 'id', message: 'this id belongs to another submission' }]);
      if (existing.content_hash === hash) return { status: 'duplicate' as const, drawId: null };
      await insertConflict(trx, { response_id: envelope.id, received_at: now.toISOString(), submitted_by: req.submitter.userId, payload_json: JSON.stringify(envelope), content_hash: hash });
      await recordAudit(trx, now, { action: 'response.conflict', actorUserId: req.submitter.userId, actorLabel: req.submitter.label, target: `response:${envelope.id}` });
      return { status: 'conflict' as const, drawId: null };
    }
    const placement = await req.place(trx);
    // today() is the interview's date where it happened: Vietnam's calendar day of completedAt.
    const today = vietnamTime(new Date(envelope.completedAt)).day;
    const { errors, values } = validateAnswers(survey.questionnaire, envelope.answers, { today, lang: req.lang });
    if (errors.length > 0) throw new DomainError('invalid_answers', errors.map((e) => ({ question: e.question, code: e.code, message: e.message })));
    const started = envelope.startedAt ?? null;
    await insertResponse(
      trx,
      {
        id: envelope.id, survey_code: survey.code, survey_version: survey.version, source: req.source,
        assignment_id: null, collected_by: req.submitter.userId, started_at: started, completed_at: envelope.completedAt,
        received_at: now.toISOString(), answers_json: JSON.stringify(values), content_hash: hash, stratum: null, psu: null, base_weight: null,
        kiosk_counter_id: null, kiosk_device_id: null, dossier_code: null, local_day: null,
        ...placement.columns,
      },
      paradataRow(envelope),
      envelope.paradata?.screens ?? [],
    );
    await placement.afterInsert?.(trx);
    return { status: 'stored' as const, drawId: placement.drawId ?? null };
  });
  if (result.status === 'conflict') throw new DomainError('submission_conflict', [{ field: 'id', message: 'kept aside for review' }]);
  if (result.drawId !== null) await recomputeWeights(ctx, result.drawId);
  return { id: envelope.id, status: result.status };
}

function paradataRow(envelope: ResponseEnvelope): ResponseParadataTable {
  const p = envelope.paradata;
  const started = envelope.startedAt;
  return {
    response_id: envelope.id,
    duration_seconds: started ? Math.max(0, (Date.parse(envelope.completedAt) - Date.parse(started)) / 1000) : null,
    changed_answers: p?.changedAnswers ?? null, user_agent: p?.device?.userAgent ?? null, platform: p?.device?.platform ?? null,
    screen_width: p?.device?.screenWidth ?? null, screen_height: p?.device?.screenHeight ?? null, app_version: p?.device?.appVersion ?? null,
    gps_lat: p?.gps?.lat ?? null, gps_lon: p?.gps?.lon ?? null, gps_accuracy_m: p?.gps?.accuracy ?? null, gps_at: p?.gps?.at ?? null,
  };
}

/** A field interview (or a backup of one): the assignment must be the caller's, released, and not yet done. */
export async function submitResponse(ctx: AppContext, user: SessionUser, envelope: ResponseEnvelope, opts: SubmitOptions): Promise<SubmitOutcome> {
  return storeResponse(ctx, {
    envelope, submitter: { userId: user.id, label: user.username }, source: opts.source, lang: opts.lang,
    owns: (existing) => existing.collected_by === user.id || (opts.onBehalfOfAssignee ?? false),
    place: async (trx) => {
      if (!envelope.assignmentId) return { columns: { collected_by: user.id } };
      const assignment = await findAssignmentById(trx, envelope.assignmentId);
      if (!assignment) throw new DomainError('assignment_not_found', [{ field: 'assignmentId', message: 'no such assignment' }]);
      const owner = assignment.surveyor_user_id;
      if (owner === null || (owner !== user.id && !opts.onBehalfOfAssignee) || assignment.released_at === null) {
        throw new DomainError('forbidden', [{ field: 'assignmentId', message: 'this assignment is not yours' }]);
      }
      if (await findResponseIdByAssignment(trx, assignment.id)) {
        throw new DomainError('assignment_already_completed', [{ field: 'assignmentId', message: 'the household already has an interview' }]);
      }
      return {
        columns: { assignment_id: assignment.id, collected_by: owner },
        drawId: assignment.draw_id,
        afterInsert: async (db) => {
          if (assignment.disposition !== null) return;
          await updateDisposition(db, assignment.id, {
            disposition: 'completed', disposition_note: null, disposition_at: ctx.clock.now().toISOString(), disposition_by: owner, visits: Math.max(1, assignment.visits),
          });
        },
      };
    },
  });
}
