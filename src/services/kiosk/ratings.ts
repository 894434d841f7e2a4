// Ratings from a counter's tablet: stored through the same idempotent path as interviews (a resent rating is a
// duplicate, other content under its id a conflict), at most one per dossier per counter per day. Flood limits
// (kioskLimits.consumeRating) are the route's: they count every request, before its body is read.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { dossierRatedOnDay, touchDevice } from '../../db/queries/kiosk.js';
import { vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { canonicalJson, type AnswerValue } from '../../domain/questionnaire/index.js';
import { ratingOf } from '../../domain/results/kiosk-summary.js';
import { satisfactionRules } from '../results/kiosk-ratings.js';
import { responseEnvelopeSchema, type PreparedSubmission } from '../submissions/envelope.js';
import { prepareEnvelope, storeResponse, type SubmitOutcome } from '../submissions/store.js';
import { dossierPattern } from './codes.js';
import { heartbeat, type KioskDevice } from './counters.js';

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export const kioskRatingSchema = z.strictObject({
  id: responseEnvelopeSchema.shape.id,
  survey: z.string().min(1).max(80),
  surveyVersion: z.string().min(1).max(40),
  answers: responseEnvelopeSchema.shape.answers,
  dossierCode: z
    .string()
    .trim()
    .regex(dossierPattern, 'dossier code format: e.g. 000.00.12.H56-240315-0001')
    .optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  completedAt: z.iso.datetime({ offset: true }).optional(),
});
export type KioskRating = z.infer<typeof kioskRatingSchema>;

/** The rating's answer to its questionnaire's satisfaction question, kept in its own column for the summaries. */
export async function storedRating(ctx: AppContext, s: PreparedSubmission): Promise<number | null> {
  if (s.answerErrors.length > 0) return null;
  const rule = await satisfactionRules(ctx)(s.survey, s.surveyVersion);
  return ratingOf(rule, JSON.parse(s.answersJson) as Record<string, AnswerValue>);
}

export async function submitKioskRating(
  ctx: AppContext,
  device: KioskDevice,
  rating: KioskRating,
  lang: Lang,
): Promise<SubmitOutcome> {
  if (rating.survey !== device.survey) {
    throw new DomainError('invalid_request', [
      detail('survey', 'counter_rates_with', { counter: device.counter, survey: device.survey }),
    ]);
  }
  const now = ctx.clock.now();
  const local = vietnamTime(now);
  const fromAnswers = rating.answers['dossier_code'];
  const dossier =
    rating.dossierCode ?? (typeof fromAnswers === 'string' && fromAnswers.trim() !== '' ? fromAnswers.trim() : null);
  const { dossierCode: _dossier, ...rest } = rating;
  const envelope = { ...rest, completedAt: rating.completedAt ?? now.toISOString() };
  // Hashed only once the answers passed the count check (prepareSubmission).
  const submission = await prepareEnvelope(ctx, envelope, {
    lang,
    hash: () => hash(canonicalJson({ ...rating, id: undefined })),
  });
  const outcome = await storeResponse(ctx, {
    submission,
    submitter: { userId: null, label: `device:${device.deviceId}` },
    source: 'kiosk',
    owns: (existing) => existing.kiosk_device_id === device.deviceId,
    // The device's rate limit was taken before its body was read (routes/kiosk-api.ts).
    place: async (trx) => {
      if (dossier !== null && (await dossierRatedOnDay(trx, device.counterId, dossier, local.day))) {
        throw new DomainError('already_rated', [
          detail('dossierCode', 'dossier_rated_today', { dossier, counter: device.counter }),
        ]);
      }
      // The rating and the device's last seen land in the same transaction.
      await touchDevice(trx, device.deviceId, now.toISOString());
      return {
        taken: new DomainError('already_rated', [
          detail('dossierCode', 'dossier_rated_today', { dossier: dossier ?? '', counter: device.counter }),
        ]),
        columns: {
          kiosk_counter_id: device.counterId,
          kiosk_device_id: device.deviceId,
          dossier_code: dossier,
          local_day: local.day,
          rating: await storedRating(ctx, submission),
        },
      };
    },
  });
  // A resent rating stored nothing, but the device was seen: that is this request's one write.
  if (outcome.status === 'duplicate') await heartbeat(ctx, device);
  return outcome;
}
