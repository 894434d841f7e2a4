// One-stop counter kiosks: counters, one-time pairing codes (10 minutes) that yield revocable device tokens,
// ratings stored through the same idempotent path as interviews, with flood protection on the server.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  consumePairingCode,
  dossierRatedOnDay,
  findCounterByCode,
  findCounterById,
  findDeviceByTokenHash,
  insertCounter,
  insertDevice,
  insertPairingCode,
  revokeDeviceById,
  touchDevice,
} from '../../db/queries/kiosk.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { canonicalJson } from '../../domain/questionnaire/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { prepareEnvelope, storeResponse, type SubmitOutcome } from '../submissions/store.js';
import { responseEnvelopeSchema } from '../submissions/envelope.js';

export const pairingMinutes = 10;
const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export const counterSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code: letters, digits, . _ -'),
  agency: z.string().trim().min(1).max(200),
  field: z.string().trim().min(1).max(200),
  location: z.string().trim().max(200).optional(),
  survey: z.string().trim().min(1).default('one-stop-tt01'),
});

export async function createCounter(
  ctx: AppContext,
  input: z.input<typeof counterSchema>,
  actor: Actor,
): Promise<{ id: number; code: string }> {
  const c = parseInput(counterSchema, input);
  const survey = ctx.surveys.current(c.survey);
  if (survey.kind !== 'kiosk')
    throw new DomainError('invalid_request', [
      { field: 'survey', message: `${c.survey} is not a kiosk questionnaire` },
    ]);
  return inTransaction(ctx.db, async (trx) => {
    if (await findCounterByCode(trx, c.code))
      throw new DomainError('counter_code_taken', [{ field: 'code', message: `counter ${c.code} exists` }]);
    const now = ctx.clock.now();
    const id = await insertCounter(trx, {
      code: c.code,
      agency: c.agency,
      field: c.field,
      location: c.location ?? null,
      survey_code: c.survey,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'kiosk.counter_create',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `counter:${c.code}`,
    });
    return { id, code: c.code };
  });
}

/**
 * A code a clerk can type on a tablet: 8 characters without look-alikes, shown in two groups of four, e.g. K7QM-3HXD.
 */
function newPairingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export async function issuePairingCode(
  ctx: AppContext,
  counterId: number,
  actor: Actor,
): Promise<{ code: string; expiresAt: string }> {
  if (!(await findCounterById(ctx.db, counterId))) throw new DomainError('counter_not_found');
  const code = newPairingCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + pairingMinutes * 60_000).toISOString();
  await inTransaction(ctx.db, async (trx) => {
    await insertPairingCode(trx, {
      code_hash: hash(normaliseCode(code)),
      counter_id: counterId,
      expires_at: expiresAt,
    });
    await recordAudit(trx, now, {
      action: 'kiosk.pairing_code',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `counter:${counterId}`,
    });
  });
  return { code, expiresAt };
}

async function newDevice(ctx: AppContext, counterId: number): Promise<{ token: string; deviceId: number }> {
  const token = `kd_${randomBytes(32).toString('base64url')}`;
  const deviceId = await insertDevice(ctx.db, {
    counter_id: counterId,
    token_hash: hash(token),
    paired_at: ctx.clock.now().toISOString(),
  });
  return { token, deviceId };
}

export async function pairDevice(
  ctx: AppContext,
  code: string,
  ip: string,
): Promise<{ token: string; counter: string }> {
  await ctx.kioskLimits.consumePairingAttempt(ip);
  const counterId = await consumePairingCode(ctx.db, hash(normaliseCode(code)), ctx.clock.now().toISOString());
  if (counterId === undefined)
    throw new DomainError('pairing_code_invalid', [{ field: 'code', message: 'unknown, used or expired code' }]);
  const { token, deviceId } = await newDevice(ctx, counterId);
  const counter = await findCounterById(ctx.db, counterId);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'kiosk.pair',
    actorLabel: `device:${deviceId}`,
    ip,
    target: `counter:${counter?.code ?? counterId}`,
  });
  return { token, counter: counter?.code ?? '' };
}

/** For scripted set-ups (`langnghe kiosk add --token`): a device token without the pairing step. */
export async function issueDeviceToken(ctx: AppContext, counterId: number, actor: Actor): Promise<string> {
  const { token, deviceId } = await newDevice(ctx, counterId);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'kiosk.token_issued',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    target: `device:${deviceId}`,
  });
  return token;
}

export interface KioskDevice {
  deviceId: number;
  counterId: number;
  counter: string;
  agency: string;
  field: string;
  location: string | null;
  survey: string;
}

export async function authenticateDevice(ctx: AppContext, token: string): Promise<KioskDevice> {
  const row = await findDeviceByTokenHash(ctx.db, hash(token));
  if (!row || row.revoked_at !== null) throw new DomainError('unauthenticated');
  return {
    deviceId: row.id,
    counterId: row.counter_id,
    counter: row.code,
    agency: row.agency,
    field: row.field,
    location: row.location,
    survey: row.survey_code,
  };
}

export async function heartbeat(ctx: AppContext, device: KioskDevice): Promise<void> {
  await touchDevice(ctx.db, device.deviceId, ctx.clock.now().toISOString());
}

export async function revokeDevice(ctx: AppContext, deviceId: number, actor: Actor): Promise<void> {
  const count = await revokeDeviceById(ctx.db, deviceId, ctx.clock.now().toISOString());
  if (count === 0) throw new DomainError('not_found', [{ field: 'device', message: 'no active device with that id' }]);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'kiosk.revoke',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    target: `device:${deviceId}`,
  });
}

const dossierPattern = /^[A-Za-z0-9]{1,5}(\.[A-Za-z0-9]{1,5}){0,5}-[0-9]{6}-[0-9]{4,6}$/;

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

export async function submitKioskRating(
  ctx: AppContext,
  device: KioskDevice,
  rating: KioskRating,
  lang: Lang,
): Promise<SubmitOutcome> {
  if (rating.survey !== device.survey) {
    throw new DomainError('invalid_request', [
      { field: 'survey', message: `counter ${device.counter} rates with ${device.survey}` },
    ]);
  }
  const now = ctx.clock.now();
  const local = vietnamTime(now);
  const fromAnswers = rating.answers['dossier_code'];
  const dossier =
    rating.dossierCode ?? (typeof fromAnswers === 'string' && fromAnswers.trim() !== '' ? fromAnswers.trim() : null);
  const { dossierCode: _dossier, ...rest } = rating;
  const envelope = { ...rest, completedAt: rating.completedAt ?? now.toISOString() };
  const outcome = await storeResponse(ctx, {
    submission: await prepareEnvelope(ctx, envelope, { lang, hash: hash(canonicalJson({ ...rating, id: undefined })) }),
    submitter: { userId: null, label: `device:${device.deviceId}` },
    source: 'kiosk',
    owns: (existing) => existing.kiosk_device_id === device.deviceId,
    place: async (trx) => {
      await ctx.kioskLimits.consumeRating(device.deviceId);
      if (dossier !== null && (await dossierRatedOnDay(trx, device.counterId, dossier, local.day))) {
        throw new DomainError('already_rated', [
          { field: 'dossierCode', message: `${dossier} was rated today at ${device.counter}` },
        ]);
      }
      return {
        columns: {
          kiosk_counter_id: device.counterId,
          kiosk_device_id: device.deviceId,
          dossier_code: dossier,
          local_day: local.day,
        },
      };
    },
  });
  await touchDevice(ctx.db, device.deviceId, now.toISOString());
  return outcome;
}
