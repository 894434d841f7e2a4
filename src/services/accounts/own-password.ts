// A user changes their own password: the current one is required (and its checks count against the sign-in
// throttle, so this form cannot be used to guess it), the new one follows the rule for new accounts, and every
// other browser session and every API token of the account ends. Audited as user.password_change.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { findUserById, updateUserPasswordHash } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { recordAudit } from '../audit/audit-log.js';
import { endAccess } from './account-admin.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { passwordSchema } from './users.js';

const changeSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    password: passwordSchema,
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'confirm: the two new passwords differ' });

export interface PasswordChange {
  currentPassword: string;
  password: string;
  confirm: string;
}

export async function changeOwnPassword(
  ctx: AppContext,
  userId: number,
  input: PasswordChange,
  where: { sid: string; ip: string },
): Promise<{ sessions: number; tokens: number }> {
  const form = parseInput(changeSchema, input);
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new DomainError('unauthenticated');
  const attempt = await ctx.loginThrottle.reserve(user.username, where.ip);
  if (!(await verifyPassword(form.currentPassword, user.password_hash))) {
    await recordAudit(ctx.db, ctx.clock.now(), {
      action: 'user.password_change_failed',
      actorUserId: user.id,
      actorLabel: user.username,
      target: `user:${user.username}`,
      ip: where.ip,
    });
    throw new DomainError('wrong_password', [detail('currentPassword', 'current_password_wrong')]);
  }
  await attempt.succeeded();
  const hash = await hashPassword(form.password, ctx.config.scryptCost);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    await updateUserPasswordHash(trx, user.id, hash);
    const ended = await endAccess(ctx, trx, afterCommit, user.id, where.sid);
    await recordAudit(trx, ctx.clock.now(), {
      action: 'user.password_change',
      actorUserId: user.id,
      actorLabel: user.username,
      target: `user:${user.username}`,
      ip: where.ip,
      details: ended,
    });
    return ended;
  });
}
