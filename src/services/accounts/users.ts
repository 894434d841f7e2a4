// Accounts, password sign-in and API tokens. Every sign-in, failed sign-in and token issue is audited.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { insertApiToken, findTokenUserByHash } from '../../db/queries/tokens.js';
import { countUsers, findUserById, findUserByUsername, insertUser, listUsers } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
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

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username: 3-40 characters, letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(120).optional(),
  role: z.enum(roles),
  password: z.string().min(10, 'password: at least 10 characters').max(200),
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
      throw new DomainError('username_taken', [{ field: 'username', message: `"${username}" already exists` }]);
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

export async function listAccounts(
  ctx: AppContext,
): Promise<{ username: string; displayName: string; role: string; createdAt: string; disabled: boolean }[]> {
  const rows = await listUsers(ctx.db);
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    createdAt: r.created_at,
    disabled: r.disabled_at !== null,
  }));
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

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function issueApiToken(ctx: AppContext, cred: Credentials): Promise<{ token: string; expiresAt: string }> {
  const user = await signIn(ctx, cred, 'token');
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.apiTokenTtlHours * 3_600_000).toISOString();
  await inTransaction(ctx.db, async (trx) => {
    await insertApiToken(trx, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await recordAudit(trx, now, {
      action: 'auth.token_issued',
      actorUserId: user.id,
      actorLabel: user.username,
      ip: cred.ip,
      details: { expiresAt },
    });
  });
  return { token, expiresAt };
}

/**
 * Token look-ups are cached for a minute: a phone sends many requests in a burst when it syncs, and each would
 * otherwise cost a database read. Expiry is still checked on every call; disabling an account or revoking a
 * token takes effect within the minute.
 */
const tokenCacheMs = 60_000;
const tokenCache = new WeakMap<AppContext, Map<string, { user: SessionUser; expiresAt: string; until: number }>>();

export async function authenticateToken(ctx: AppContext, token: string): Promise<SessionUser> {
  const key = hashToken(token);
  const now = ctx.clock.now();
  const cache = tokenCache.get(ctx) ?? new Map<string, { user: SessionUser; expiresAt: string; until: number }>();
  tokenCache.set(ctx, cache);
  let hit = cache.get(key);
  if (!hit || hit.until <= now.getTime()) {
    const row = await findTokenUserByHash(ctx.db, key);
    if (!row || row.revoked_at !== null || row.disabled_at !== null || !isRole(row.role)) {
      cache.delete(key);
      throw new DomainError('unauthenticated');
    }
    if (cache.size > 10_000) cache.clear();
    hit = {
      user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
      expiresAt: row.expires_at,
      until: now.getTime() + tokenCacheMs,
    };
    cache.set(key, hit);
  }
  if (hit.expiresAt <= now.toISOString()) throw new DomainError('token_expired');
  return hit.user;
}

export async function findSessionUser(ctx: AppContext, id: number): Promise<SessionUser | null> {
  const user = await findUserById(ctx.db, id);
  if (!user || user.disabled_at !== null || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role };
}
