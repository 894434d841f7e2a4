// Ratings citizens send from their own phones: by a counter's QR code (`counter`) or a per-dossier signed link
// (`token`). Stored through the same idempotent path as kiosk ratings (same id and content: duplicate). The "at
// most once" promises are unique keys claimed inside the storing transaction (db/queries/citizen-ratings.ts):
// one rating per device (signed cookie) per counter per day, one per dossier per counter, one per link.
// A counter past its burst threshold still stores ratings, but holds them for an admin's review.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  claimDeviceDay,
  claimDossier,
  insertHold,
  insertRatingLink,
  useRatingLink,
} from '../../db/queries/citizen-ratings.js';
import { vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { canonicalJson } from '../../domain/questionnaire/index.js';
import { responseEnvelopeSchema } from '../submissions/envelope.js';
import { prepareEnvelope, storeResponse, type SubmitOutcome } from '../submissions/store.js';
import { counterCodePattern, dossierPattern } from '../kiosk/codes.js';
import { storedRating } from '../kiosk/ratings.js';
import { cachedCounterByCode } from './counter-cache.js';
import { maxTokenLength } from './link-token.js';
import { verifiedLink, type RatingTarget } from './targets.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const publicRatingSchema = z
  .strictObject({
    id: responseEnvelopeSchema.shape.id,
    survey: z.string().min(1).max(80),
    surveyVersion: z.string().min(1).max(40),
    answers: responseEnvelopeSchema.shape.answers,
    counter: z.string().regex(counterCodePattern).optional(),
    token: z.string().min(1).max(maxTokenLength).optional(),
    dossierCode: z
      .string()
      .trim()
      .regex(dossierPattern, 'dossier code format: e.g. 000.00.12.H56-240315-0001')
      .optional(),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    completedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((r, check) => {
    if ((r.counter === undefined) === (r.token === undefined))
      check.addIssue({ code: 'custom', path: ['counter'], message: 'send either counter (QR) or token (link)' });
    if (r.token !== undefined && r.dossierCode !== undefined)
      check.addIssue({ code: 'custom', path: ['dossierCode'], message: 'a link carries its dossier' });
  });
export type PublicRating = z.infer<typeof publicRatingSchema>;

export interface PhoneRatingOutcome extends SubmitOutcome {
  /** Stored but held for review (the counter's burst detector). */
  held: boolean;
}

async function targetOf(ctx: AppContext, rating: PublicRating, now: Date): Promise<RatingTarget> {
  if (rating.token !== undefined) return verifiedLink(ctx, rating.token, now, rating.id);
  const row = await cachedCounterByCode(ctx, rating.counter ?? '');
  if (!row)
    throw new DomainError('counter_not_found', [detail('counter', 'no_counter', { counter: rating.counter ?? '' })]);
  return {
    channel: 'qr',
    counterId: row.id,
    counter: row.code,
    survey: row.survey_code,
    dossier: null,
    tokenHash: null,
  };
}

function dossierOf(rating: PublicRating, target: RatingTarget): string | null {
  if (target.channel === 'link') return target.dossier;
  const fromAnswers = rating.answers['dossier_code'];
  if (rating.dossierCode !== undefined) return rating.dossierCode;
  return typeof fromAnswers === 'string' && dossierPattern.test(fromAnswers.trim()) ? fromAnswers.trim() : null;
}

/**
 * Stores one rating from a phone. `deviceKey` is the verified id of the phone's signed cookie (required for the
 * counter QR channel, where it is the one-per-day key).
 */
export async function submitPhoneRating(
  ctx: AppContext,
  rating: PublicRating,
  opts: { deviceKey: string | null; lang: Lang },
): Promise<PhoneRatingOutcome> {
  const now = ctx.clock.now();
  const target = await targetOf(ctx, rating, now);
  if (rating.survey !== target.survey)
    throw new DomainError('invalid_request', [
      detail('survey', 'counter_rates_with', { counter: target.counter, survey: target.survey }),
    ]);
  if (target.channel === 'qr' && opts.deviceKey === null)
    throw new DomainError('invalid_request', [detail('cookie', 'device_cookie_missing')]);
  await ctx.publicRatingLimits.consumeCounter(target.counterId);
  const held = await ctx.publicRatingLimits.isBurst(target.counterId);
  const local = vietnamTime(now);
  const dossier = dossierOf(rating, target);
  const at = now.toISOString();
  const envelope = {
    id: rating.id,
    survey: rating.survey,
    surveyVersion: rating.surveyVersion,
    answers: rating.answers,
    completedAt: rating.completedAt ?? at,
    ...(rating.startedAt ? { startedAt: rating.startedAt } : {}),
  };
  const submission = await prepareEnvelope(ctx, envelope, {
    lang: opts.lang,
    hash: () => sha256(canonicalJson({ ...rating, id: undefined })),
  });
  const outcome = await storeResponse(ctx, {
    submission,
    submitter: { userId: null, label: `${target.channel}:${target.counter}` },
    source: target.channel,
    owns: (existing) => existing.source === target.channel && existing.kiosk_counter_id === target.counterId,
    place: async (trx) => {
      if (target.channel === 'link' && target.tokenHash !== null && target.dossier !== null) {
        if (!target.recorded)
          await insertRatingLink(trx, {
            token_hash: target.tokenHash,
            counter_id: target.counterId,
            dossier_code: target.dossier,
            issued_at: target.issuedAt ?? at,
            expires_at: target.expiresAt ?? at,
            minted_by: 'offline',
          });
        if (!(await useRatingLink(trx, target.tokenHash, rating.id, at)))
          throw new DomainError('link_used', [detail('token', 'link_used_before')]);
      }
      if (target.channel === 'qr' && opts.deviceKey !== null) {
        const claimed = await claimDeviceDay(trx, {
          counter_id: target.counterId,
          local_day: local.day,
          device_hash: sha256(opts.deviceKey),
          response_id: rating.id,
        });
        if (!claimed) throw new DomainError('already_rated', [detail('cookie', 'device_rated_today')]);
      }
      if (dossier !== null) {
        const claimed = await claimDossier(trx, {
          counter_id: target.counterId,
          dossier_code: dossier,
          response_id: rating.id,
          channel: target.channel,
          rated_at: at,
        });
        if (!claimed)
          throw new DomainError('already_rated', [
            detail(target.channel === 'link' ? 'token' : 'dossierCode', 'dossier_rated', { dossier }),
          ]);
      }
      const columns = {
        kiosk_counter_id: target.counterId,
        dossier_code: dossier,
        local_day: local.day,
        rating: await storedRating(ctx, submission),
      };
      if (!held) return { columns };
      return {
        columns,
        afterInsert: (db) => insertHold(db, { response_id: rating.id, counter_id: target.counterId, held_at: at }),
      };
    },
  });
  return { ...outcome, held: held && outcome.status === 'stored' };
}
