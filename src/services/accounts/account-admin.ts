// What an admin (page or command line) does to an account: disable, enable, reset the password, change the role,
// revoke its API tokens. Disabling, a reset and a role change end the account's browser sessions and revoke its
// tokens in the same transaction; every change is audited. The last active admin cannot be disabled or demoted.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { deleteSessionsByUser } from '../../db/queries/sessions.js';
import { revokeTokensByUser } from '../../db/queries/tokens.js';
import {
  countEnabledAdmins,
  findUserByUsername,
  updateUserDisabledAt,
  updateUserPasswordHash,
  updateUserRole,
} from '../../db/queries/users.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { roles } from '../../domain/roles.js';
import type { UserRow } from '../../db/schema.js';
import { recordAudit } from '../audit/audit-log.js';
import { forgetCachedTokens } from './api-tokens.js';
import { hashPassword } from './passwords.js';
import { passwordSchema } from './users.js';

async function accountByUsername(db: Db, username: string): Promise<UserRow> {
  const user = await findUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw new DomainError('user_not_found', [detail('username', 'no_account', { username })]);
  return user;
}

/** Ends every way the account is signed in: its browser sessions and its API tokens. */
export async function endAccess(
  ctx: AppContext,
  trx: Db,
  afterCommit: AfterCommit,
  userId: number,
  keepSid: string | null = null,
): Promise<{ sessions: number; tokens: number }> {
  const sessions = await deleteSessionsByUser(trx, userId, keepSid);
  const tokens = await revokeTokensByUser(trx, userId, ctx.clock.now().toISOString());
  afterCommit(() => forgetCachedTokens(ctx, userId));
  return { sessions, tokens };
}

async function refuseLastAdmin(db: Db, user: UserRow): Promise<void> {
  if (user.role === 'admin' && user.disabled_at === null && (await countEnabledAdmins(db)) <= 1) {
    throw new DomainError('last_admin', [detail('username', 'last_active_admin', { username: user.username })]);
  }
}

type Change = (trx: Db, user: UserRow, afterCommit: AfterCommit) => Promise<Record<string, unknown> | null>;

/** Runs one audited change on an account; a change that returns null changed nothing and is not audited. */
async function changeAccount(ctx: AppContext, username: string, action: string, actor: Actor, change: Change) {
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const user = await accountByUsername(trx, username);
    const details = await change(trx, user, afterCommit);
    if (details === null) return;
    await recordAudit(trx, ctx.clock.now(), {
      action,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `user:${user.username}`,
      details,
    });
  });
}

export async function disableAccount(ctx: AppContext, username: string, actor: Actor): Promise<void> {
  await changeAccount(ctx, username, 'user.disable', actor, async (trx, user, afterCommit) => {
    if (user.disabled_at !== null) return null;
    await refuseLastAdmin(trx, user);
    await updateUserDisabledAt(trx, user.id, ctx.clock.now().toISOString());
    return endAccess(ctx, trx, afterCommit, user.id);
  });
}

export async function enableAccount(ctx: AppContext, username: string, actor: Actor): Promise<void> {
  await changeAccount(ctx, username, 'user.enable', actor, async (trx, user) => {
    if (user.disabled_at === null) return null;
    await updateUserDisabledAt(trx, user.id, null);
    return {};
  });
}

const roleSchema = z.object({ role: z.enum(roles) });

export async function changeRole(ctx: AppContext, username: string, role: string, actor: Actor): Promise<void> {
  const next = parseInput(roleSchema, { role }).role;
  await changeAccount(ctx, username, 'user.role_change', actor, async (trx, user, afterCommit) => {
    if (user.role === next) return null;
    await refuseLastAdmin(trx, user);
    await updateUserRole(trx, user.id, next);
    return { from: user.role, to: next, ...(await endAccess(ctx, trx, afterCommit, user.id)) };
  });
}

export async function revokeAccountTokens(ctx: AppContext, username: string, actor: Actor): Promise<number> {
  let count = 0;
  await changeAccount(ctx, username, 'auth.tokens_revoked', actor, async (trx, user, afterCommit) => {
    count = await revokeTokensByUser(trx, user.id, ctx.clock.now().toISOString());
    afterCommit(() => forgetCachedTokens(ctx, user.id));
    return { count };
  });
  return count;
}

/** A temporary password that satisfies the password rule and is easy to read out (no 0/O, 1/l). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(14);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 7)}-${chars.slice(7)}`;
}

/** Sets a new password (an admin's reset): the account's sessions and tokens end, since it may be compromised. */
export async function resetPassword(ctx: AppContext, username: string, password: string, actor: Actor): Promise<void> {
  const hash = await hashPassword(
    parseInput(z.object({ password: passwordSchema }), { password }).password,
    ctx.config.scryptCost,
  );
  await changeAccount(ctx, username, 'user.password_reset', actor, async (trx, user, afterCommit) => {
    await updateUserPasswordHash(trx, user.id, hash);
    return endAccess(ctx, trx, afterCommit, user.id);
  });
}
