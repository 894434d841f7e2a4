// One-time enrolment codes: an admin makes one for a surveyor and shows it as a QR code; the phone that scans it
// is signed in with the same API token a password sign-in gives, and the code is spent. A code is random (192
// bits), stored only as its SHA-256, valid for enrolmentCodeMinutes, used once; making, using and refusing a
// known code are audited.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import {
  consumeEnrolmentCode,
  findEnrolmentCodeByHash,
  insertEnrolmentCode,
} from '../../db/queries/enrolment-codes.js';
import { findUserById, findUserByUsername } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { vietnamDateTime } from '../../domain/calendar/vietnam-time.js';
import { detail } from '../../domain/error-details.js';
import { DomainError } from '../../domain/errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { storeNewApiToken, type IssuedToken } from './api-tokens.js';

/** Long enough to walk to the surveyor and scan, short enough that a photo of the screen soon is worth nothing. */
export const enrolmentCodeMinutes = 15;

const hashCode = (code: string): string => createHash('sha256').update(code).digest('hex');

export interface EnrolmentCode {
  code: string;
  username: string;
  expiresAt: string;
}

/** A new one-time code for a surveyor's phone (earlier unused codes stay valid until they expire). */
export async function createEnrolmentCode(ctx: AppContext, username: string, actor: Actor): Promise<EnrolmentCode> {
  const user = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new DomainError('user_not_found', [detail('username', 'no_account', { username })]);
  if (user.role !== 'surveyor' || user.disabled_at !== null)
    throw new DomainError('not_a_surveyor', [detail('username', 'account_unusable', { username: user.username })]);
  const code = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + enrolmentCodeMinutes * 60_000).toISOString();
  await inTransaction(ctx.db, async (trx) => {
    await insertEnrolmentCode(trx, {
      code_hash: hashCode(code),
      user_id: user.id,
      created_by: actor.userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await recordAudit(trx, now, {
      action: 'auth.enrolment_code_created',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `user:${user.username}`,
      details: { expiresAt },
    });
  });
  return { code, username: user.username, expiresAt };
}

type Redeemed = { ok: true; issued: IssuedToken } | { ok: false; error: DomainError; userId: number | null };

/**
 * Signs a phone in with an enrolment code: the same token a password sign-in issues, or a refusal that says why
 * (unknown, already used, expired, or an account that may no longer sign in).
 */
export async function redeemEnrolmentCode(
  ctx: AppContext,
  code: string,
  from: { ip: string; userAgent?: string | undefined },
): Promise<IssuedToken> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const result = await inTransaction(ctx.db, async (trx): Promise<Redeemed> => {
    const row = await findEnrolmentCodeByHash(trx, hashCode(code));
    if (!row)
      return {
        ok: false,
        userId: null,
        error: new DomainError('enrolment_code_invalid', [detail('code', 'enrolment_code_unknown')]),
      };
    const refuse = (error: DomainError): Redeemed => ({ ok: false, userId: row.user_id, error });
    if (row.used_at !== null)
      return refuse(
        new DomainError('enrolment_code_used', [
          detail('code', 'enrolment_code_used', { at: vietnamDateTime(row.used_at) }),
        ]),
      );
    if (row.expires_at <= at)
      return refuse(
        new DomainError('enrolment_code_expired', [
          detail('code', 'enrolment_code_expired', { at: vietnamDateTime(row.expires_at) }),
        ]),
      );
    const user = await findUserById(trx, row.user_id);
    if (!user || user.role !== 'surveyor' || user.disabled_at !== null)
      return refuse(
        new DomainError('enrolment_code_invalid', [
          detail('code', 'account_unusable', { username: user?.username ?? '?' }),
        ]),
      );
    const device = from.userAgent?.trim().slice(0, 200) || null;
    // Two phones scanning the same code at once: the update decides, the other one reads "used".
    if (!(await consumeEnrolmentCode(trx, row.id, at, device)))
      return refuse(
        new DomainError('enrolment_code_used', [detail('code', 'enrolment_code_used', { at: vietnamDateTime(at) })]),
      );
    await recordAudit(trx, now, {
      action: 'auth.enrolment_code_used',
      actorUserId: user.id,
      actorLabel: user.username,
      ip: from.ip,
      target: `user:${user.username}`,
      details: { device },
    });
    return {
      ok: true,
      issued: await storeNewApiToken(
        ctx,
        trx,
        { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
        from,
      ),
    };
  });
  if (result.ok) return result.issued;
  // A known code refused (spent, expired, or a changed account) may be a lost photo of it: that is audited.
  if (result.userId !== null) {
    const owner = await findUserById(ctx.db, result.userId);
    await recordAudit(ctx.db, now, {
      action: 'auth.enrolment_code_refused',
      actorLabel: owner?.username ?? null,
      ip: from.ip,
      ...(owner ? { target: `user:${owner.username}` } : {}),
      details: { reason: result.error.code },
    });
  }
  throw result.error;
}
