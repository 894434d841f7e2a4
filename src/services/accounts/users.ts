// Accounts and password sign-in. Every sign-in and failed sign-in is audited; API tokens are in api-tokens.ts.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUserLastLogin,
} from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { isRole, roles, type Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit-log.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** The password rule for new accounts, resets and changes alike. */
export const passwordSchema = z.string().min(10, 'password: at least 10 characters').max(200);

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username: 3-40 characters, letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(120).optional(),
  role: z.enum(roles),
  password: passwordSchema,
});
export interface NewUserInput {
  username: string;
  role: string;
  password: string;
  displayName?: string | undefined;
}

export async function createUser(
  ctx: AppContext,
  input: NewUserInput,
  actor: Actor | null = null,
): Promise<SessionUser> {
  const { username, role, password, displayName = username } = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(password, ctx.config.scryptCost);
  return inTransaction(ctx.db, async (trx) => {
    if (await findUserByUsername(trx, username)) {
      throw new DomainError('username_taken', [detail('username', 'username_exists', { username })]);
    }
    const now = ctx.clock.now();
    const id = await insertUser(trx, {
      username,
      display_name: displayName,
      role,
      password_hash: passwordHash,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'user.create',
      actorUserId: actor?.userId ?? null,
      actorLabel: actor?.label ?? null,
      target: `user:${username}`,
      details: { role },
    });
    return { id, username, displayName, role };
  });
}

export interface AccountSummary {
  id: number;
  username: string;
  displayName: string;
  role: string;
  createdAt: string;
  disabled: boolean;
  lastLoginAt: string | null;
}

export function accountSummaryOf(
  r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'created_at' | 'disabled_at' | 'last_login_at'>,
): AccountSummary {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    createdAt: r.created_at,
    disabled: r.disabled_at !== null,
    lastLoginAt: r.last_login_at,
  };
}

export async function listAccounts(ctx: AppContext): Promise<AccountSummary[]> {
  return (await listUsers(ctx.db)).map(accountSummaryOf);
}

export async function hasAnyUser(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.db)) > 0;
}

export interface Credentials {
  username: string;
  password: string;
  ip: string;
}

/** Checks a password. Unknown user and wrong password fail the same way, after the same amount of work. */
export async function signIn(ctx: AppContext, cred: Credentials, channel: 'form' | 'token'): Promise<SessionUser> {
  const username = cred.username.trim().toLowerCase();
  const attempt = await ctx.loginThrottle.reserve(username, cred.ip);
  const user = await findUserByUsername(ctx.db, username);
  const ok = await verifyPassword(cred.password, user?.password_hash ?? (await decoyHashOnce(ctx)));
  const now = ctx.clock.now();
  if (!user || !ok || user.disabled_at !== null || !isRole(user.role)) {
    await recordAudit(ctx.db, now, {
      action: 'auth.login_failed',
      actorLabel: username,
      ip: cred.ip,
      details: { channel },
    });
    throw new DomainError('invalid_credentials');
  }
  await attempt.succeeded();
  await updateUserLastLogin(ctx.db, user.id, now.toISOString());
  await recordAudit(ctx.db, now, {
    action: 'auth.login',
    actorUserId: user.id,
    actorLabel: username,
    ip: cred.ip,
    details: { channel },
  });
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role };
}

let decoy: Promise<string> | null = null;
function decoyHashOnce(ctx: AppContext): Promise<string> {
  decoy ??= decoyHash(ctx.config.scryptCost);
  return decoy;
}

export async function findSessionUser(ctx: AppContext, id: number): Promise<SessionUser | null> {
  const user = await findUserById(ctx.db, id);
  if (!user || user.disabled_at !== null || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role };
}
