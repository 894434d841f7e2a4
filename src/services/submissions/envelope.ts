// What a device sends (the envelope, checked by zod) and everything about a submission that needs no database:
// its content hash, the validated answers and the paradata columns. No I/O and no application state, so the
// API can run it on a worker thread (worker-pool.ts) while the request thread serves HTTP and SQLite.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ResponseParadataColumns } from '../../db/schema.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { assertJsonDepth } from '../../domain/json-depth.js';
import { nulError, valueNulField } from '../../domain/nul-text.js';
import { interviewDay } from '../../domain/calendar/vietnam-time.js';
import { kishTables, selectionMethods, type RespondentSelection } from '../../domain/sampling/respondent-selection.js';
import {
  canonicalJson,
  declinedConsent,
  validateAnswers,
  type FieldError,
  type Questionnaire,
} from '../../domain/questionnaire/index.js';

const isoInstant = z.iso.datetime({ offset: true });

const paradataSchema = z.strictObject({
  screens: z
    .array(
      z.strictObject({
        screen: z.string().min(1).max(80),
        seconds: z.number().min(0).max(86_400),
        visits: z.number().int().min(1).max(1000).default(1),
      }),
    )
    .max(500)
    .default([]),
  changedAnswers: z.number().int().min(0).max(100_000).optional(),
  device: z
    .strictObject({
      userAgent: z.string().max(400).optional(),
      platform: z.string().max(80).optional(),
      screenWidth: z.number().int().min(0).max(20_000).optional(),
      screenHeight: z.number().int().min(0).max(20_000).optional(),
      appVersion: z.string().max(40).optional(),
    })
    .optional(),
  gps: z
    .strictObject({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      accuracy: z.number().min(0).max(100_000).optional(),
      at: isoInstant.optional(),
    })
    .optional(),
  /** How the respondent was chosen among the household's eligible adults (respondent-selection.ts). */
  respondentSelection: z
    .strictObject({
      method: z.enum(selectionMethods),
      eligibleAdults: z.number().int().min(1).max(99),
      line: z.number().int().min(1).max(99),
      table: z.enum(kishTables).optional(),
    })
    .refine((s) => s.line <= s.eligibleAdults, { message: 'line must be one of the eligible adults', path: ['line'] })
    .optional(),
});

/** Question ids are checked one by one by validateAnswers; here only the shape and a bound on id length. */
function isAnswerMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (key.length > 80) return false;
  return true;
}

// A custom check rather than z.record: a record schema rebuilds the object entry by entry, which cost more than
// validating the answers themselves (bench/ingest).
const answerMapSchema = z.custom<Record<string, unknown>>(isAnswerMap, {
  message: 'answers must be an object of question ids (at most 80 characters each) to values',
});

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

/** `mayHoldNul`: false when the text it was parsed from cannot spell NUL, which spares the walk on every submission. */
export function parseEnvelope(raw: unknown, mayHoldNul = true): ResponseEnvelope {
  // NUL in an answer is the questionnaire's to refuse, per question (422 invalid_characters); anywhere else in the
  // envelope (a survey version, paradata) it is refused here, before any lookup by it (PostgreSQL's text has none).
  if (mayHoldNul && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { answers: _answers, ...envelope } = raw as Record<string, unknown>;
    const field = valueNulField(envelope);
    if (field !== null) throw nulError(field);
  }
  return parseInput(responseEnvelopeSchema, raw);
}

/**
 * The request body as the API received it, still text (the route reads it raw so that parsing can leave the
 * request thread). No body, an empty one, or one of another content type is an empty object, as express.json
 * would give.
 */
export function parseEnvelopeText(text: string | undefined): ResponseEnvelope {
  if (text === undefined || text === '') return parseEnvelope({});
  // Before JSON.parse: a body nested deeper than any submission is refused (400), never walked.
  assertJsonDepth(text);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError('invalid_json');
  }
  // JSON spells NUL only as an escape (a raw NUL byte does not parse).
  return parseEnvelope(raw, text.includes('\\u0000'));
}

/** The content that identifies a submission: everything the device sent except the id itself. */
export function contentHash(envelope: ResponseEnvelope): string {
  const { id: _id, ...content } = envelope;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** A submission ready to store: plain data only, so that it can cross from a worker thread. */
export interface PreparedSubmission {
  id: string;
  survey: string;
  surveyVersion: string;
  assignmentId: string | null;
  startedAt: string | null;
  completedAt: string;
  hash: string;
  /** The envelope as JSON: what a conflicting resubmission keeps aside for review. */
  payloadJson: string;
  /**
   * Problems with the answers, the first `listedAnswerErrors` of them (answerErrorCount says how many there are).
   * Raised (422) after the duplicate check and before anything is stored, a conflict included.
   */
  answerErrors: FieldError[];
  answerErrorCount: number;
  /** The language the answer errors are written in (and the 422 that lists them). */
  lang: Lang;
  /** The validated answers (normalised, with calculated values): what is stored when answerErrors is empty. */
  answersJson: string;
  /** The person declined the interview at the consent question: stored, but as a refusal (consent.ts). */
  declinedConsent: boolean;
  paradata: ResponseParadataColumns;
  /** The respondent selection as the device recorded it (checked against the household when it is stored). */
  selection: RespondentSelection | null;
  screens: { screen: string; seconds: number; visits: number }[];
}

export interface PrepareOptions {
  lang: Lang;
  /**
   * The content hash when the stored envelope is not exactly what the device sent (kiosk defaults), or how to
   * make it: called only once the answers have passed the count check.
   */
  hash?: string | (() => string);
}

/** A refused submission lists this many answer errors and counts the rest, so a hostile body makes a short answer. */
export const listedAnswerErrors = 50;

/**
 * Validates the answers, then hashes the envelope. A set of answers with more keys than the questionnaire can
 * take (answerKeyLimit) is refused at once, 422, before hashing, sorting or storing any of it.
 */
export function prepareSubmission(
  q: Questionnaire,
  envelope: ResponseEnvelope,
  opts: PrepareOptions,
): PreparedSubmission {
  const today = interviewDay(envelope.completedAt);
  const { errors, values } = validateAnswers(q, envelope.answers, { today, lang: opts.lang });
  const first = errors[0];
  if (first?.code === 'too_many_answers') {
    throw new DomainError('invalid_answers', [{ question: first.question, code: first.code, message: first.message }]);
  }
  return {
    id: envelope.id,
    survey: envelope.survey,
    surveyVersion: envelope.surveyVersion,
    assignmentId: envelope.assignmentId ?? null,
    startedAt: envelope.startedAt ?? null,
    completedAt: envelope.completedAt,
    hash: typeof opts.hash === 'string' ? opts.hash : opts.hash ? opts.hash() : contentHash(envelope),
    payloadJson: JSON.stringify(envelope),
    answerErrors: errors.slice(0, listedAnswerErrors),
    answerErrorCount: errors.length,
    lang: opts.lang,
    answersJson: errors.length === 0 ? JSON.stringify(values) : '',
    declinedConsent: declinedConsent(values),
    paradata: paradataColumns(envelope),
    selection: envelope.paradata?.respondentSelection ?? null,
    screens: envelope.paradata?.screens ?? [],
  };
}

function paradataColumns(envelope: ResponseEnvelope): ResponseParadataColumns {
  const p = envelope.paradata;
  const started = envelope.startedAt;
  return {
    duration_seconds: started ? Math.max(0, (Date.parse(envelope.completedAt) - Date.parse(started)) / 1000) : null,
    changed_answers: p?.changedAnswers ?? null,
    user_agent: p?.device?.userAgent ?? null,
    platform: p?.device?.platform ?? null,
    screen_width: p?.device?.screenWidth ?? null,
    screen_height: p?.device?.screenHeight ?? null,
    app_version: p?.device?.appVersion ?? null,
    gps_lat: p?.gps?.lat ?? null,
    gps_lon: p?.gps?.lon ?? null,
    gps_accuracy_m: p?.gps?.accuracy ?? null,
    gps_at: p?.gps?.at ?? null,
    selection_method: p?.respondentSelection?.method ?? null,
    selection_adults: p?.respondentSelection?.eligibleAdults ?? null,
    selection_line: p?.respondentSelection?.line ?? null,
  };
}
