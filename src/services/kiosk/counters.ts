// One-stop counter kiosks: counters, one-time pairing codes (10 minutes) that yield revocable device tokens, and
// the devices' signs of life. Each write is one transaction with its audit entry. Ratings are in ratings.ts.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  consumePairingCode,
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
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { recordAudit } from '../audit/audit-log.js';
import { counterCodePattern } from './codes.js';

export const pairingMinutes = 10;
const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export const counterSchema = z.object({
  code: z.string().trim().regex(counterCodePattern, 'code: letters, digits, . _ -'),
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
    throw new DomainError('invalid_request', [detail('survey', 'not_kiosk_survey', { survey: c.survey })]);
  return inTransaction(ctx.db, async (trx) => {
    if (await findCounterByCode(trx, c.code))
      throw new DomainError('counter_code_taken', [detail('code', 'counter_exists', { code: c.code })]);
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

/** The id of the counter with this code, if there is one (the CLI gives an existing counter a new code). */
export async function findCounterId(ctx: AppContext, code: string): Promise<number | undefined> {
  return (await findCounterByCode(ctx.db, code))?.id;
}

export async function issuePairingCode(
  ctx: AppContext,
  counterId: number,
  actor: Actor,
): Promise<{ code: string; expiresAt: string }> {
  const code = newPairingCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + pairingMinutes * 60_000).toISOString();
  await inTransaction(ctx.db, async (trx) => {
    if (!(await findCounterById(trx, counterId))) throw new DomainError('counter_not_found');
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

async function newDevice(trx: Db, counterId: number, now: Date): Promise<{ token: string; deviceId: number }> {
  const token = `kd_${randomBytes(32).toString('base64url')}`;
  const deviceId = await insertDevice(trx, {
    counter_id: counterId,
    token_hash: hash(token),
    paired_at: now.toISOString(),
  });
  return { token, deviceId };
}

/** Spends a pairing code on a new device: the code, the device and the audit entry commit together or not at all. */
export async function pairDevice(
  ctx: AppContext,
  code: string,
  ip: string,
): Promise<{ token: string; counter: string }> {
  await ctx.kioskLimits.consumePairingAttempt(ip);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const counterId = await consumePairingCode(trx, hash(normaliseCode(code)), now.toISOString());
    if (counterId === undefined)
      throw new DomainError('pairing_code_invalid', [detail('code', 'pairing_code_unusable')]);
    const { token, deviceId } = await newDevice(trx, counterId, now);
    const counter = await findCounterById(trx, counterId);
    await recordAudit(trx, now, {
      action: 'kiosk.pair',
      actorLabel: `device:${deviceId}`,
      ip,
      target: `counter:${counter?.code ?? counterId}`,
    });
    return { token, counter: counter?.code ?? '' };
  });
}

/** For scripted set-ups (`langnghe kiosk add --token`): a device token without the pairing step. */
export async function issueDeviceToken(ctx: AppContext, counterId: number, actor: Actor): Promise<string> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { token, deviceId } = await newDevice(trx, counterId, now);
    await recordAudit(trx, now, {
      action: 'kiosk.token_issued',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `device:${deviceId}`,
    });
    return token;
  });
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

/** A sign of life from the device (its heartbeat, or a rating it resent): the admin overview's "last seen". */
export async function heartbeat(ctx: AppContext, device: KioskDevice): Promise<void> {
  await touchDevice(ctx.db, device.deviceId, ctx.clock.now().toISOString());
}

export async function revokeDevice(ctx: AppContext, deviceId: number, actor: Actor): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const count = await revokeDeviceById(trx, deviceId, now.toISOString());
    if (count === 0) throw new DomainError('not_found', [detail('device', 'no_device')]);
    await recordAudit(trx, now, {
      action: 'kiosk.revoke',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `device:${deviceId}`,
    });
  });
}
