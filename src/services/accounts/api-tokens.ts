// API bearer tokens: issue (audited, with the device that asked), authenticate (cached, last use recorded at most
// once a minute), and revoke one or all of an account's. Revocation through this server takes effect at once.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import {
  findTokenById,
  findTokenUserByHash,
  insertApiToken,
  revokeTokenById,
  revokeTokensByUser,
  updateTokenLastUsed,
} from '../../db/queries/tokens.js';
import { findUserById } from '../../db/queries/users.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { isRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit-log.js';
import { signIn, type Credentials, type SessionUser } from './users.js';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The user agent, trimmed to what a table cell can show. */
const deviceLabel = (userAgent: string | undefined): string | null => userAgent?.trim().slice(0, 200) || null;

export interface IssuedToken {
  token: string;
  expiresAt: string;
  /** Who the token is for, so a phone on a slow link needs no second round trip to /me. */
  user: { username: string; displayName: string; role: string };
}

interface TokenOwner {
  id: number;
  username: string;
  displayName: string;
  role: string;
}

export async function issueApiToken(ctx: AppContext, cred: Credentials, userAgent?: string): Promise<IssuedToken> {
  const user = await signIn(ctx, cred, 'token');
  return inTransaction(ctx.db, (trx) => storeNewApiToken(ctx, trx, user, { ip: cred.ip, userAgent }));
}

/**
 * A new token for an account that has just proved who it is (a password, or an enrolment code), inside the
 * caller's transaction: stored as its hash with the device that asked, and audited as `auth.token_issued`.
 */
export async function storeNewApiToken(
  ctx: AppContext,
  trx: Db,
  user: TokenOwner,
  from: { ip: string; userAgent?: string | undefined },
): Promise<IssuedToken> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.apiTokenTtlHours * 3_600_000).toISOString();
  const device = deviceLabel(from.userAgent);
  await insertApiToken(trx, {
    token_hash: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    device,
  });
  await recordAudit(trx, now, {
    action: 'auth.token_issued',
    actorUserId: user.id,
    actorLabel: user.username,
    ip: from.ip,
    details: { expiresAt, device },
  });
  return { token, expiresAt, user: { username: user.username, displayName: user.displayName, role: user.role } };
}

/**
 * Token look-ups are cached for a minute: a phone sends many requests in a burst when it syncs, and each would
 * otherwise cost a database read. Expiry is still checked on every call. Revoking through this process drops
 * the cached entries at once; a revocation by the command line (another process) takes effect within the minute.
 * The refresh that reads the row also records the last use, so that costs at most one write a minute per token.
 */
const tokenCacheMs = 60_000;
interface CachedToken {
  user: SessionUser;
  expiresAt: string;
  until: number;
}
const tokenCache = new WeakMap<AppContext, Map<string, CachedToken>>();

function cacheOf(ctx: AppContext): Map<string, CachedToken> {
  let cache = tokenCache.get(ctx);
  if (!cache) tokenCache.set(ctx, (cache = new Map()));
  return cache;
}

/** Drops the cached look-ups of an account's tokens, so a revocation or a disabled account bites on the next call. */
export function forgetCachedTokens(ctx: AppContext, userId: number): void {
  const cache = cacheOf(ctx);
  for (const [key, hit] of cache) if (hit.user.id === userId) cache.delete(key);
}

export async function authenticateToken(ctx: AppContext, token: string): Promise<SessionUser> {
  const key = hashToken(token);
  const now = ctx.clock.now();
  const cache = cacheOf(ctx);
  let hit = cache.get(key);
  if (!hit || hit.until <= now.getTime()) {
    const row = await findTokenUserByHash(ctx.db, key);
    if (!row || row.revoked_at !== null || row.disabled_at !== null || !isRole(row.role)) {
      cache.delete(key);
      throw new DomainError('unauthenticated');
    }
    if (row.expires_at > now.toISOString()) await updateTokenLastUsed(ctx.db, row.token_id, now.toISOString());
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

/** Revokes every live token of an account (the account's own "sign out everywhere" or an admin's); returns how many. */
export async function revokeAllTokensOf(ctx: AppContext, userId: number, actor: Actor): Promise<number> {
  const count = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new DomainError('user_not_found');
    const now = ctx.clock.now();
    const revoked = await revokeTokensByUser(trx, userId, now.toISOString());
    await recordAudit(trx, now, {
      action: 'auth.tokens_revoked',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `user:${user.username}`,
      details: { count: revoked },
    });
    afterCommit(() => forgetCachedTokens(ctx, userId));
    return revoked;
  });
  return count;
}

/**
 * Revokes one token (a lost phone) and returns its owner's username; revoking one already revoked changes nothing
 * and is not an error.
 */
export async function revokeToken(ctx: AppContext, tokenId: number, actor: Actor): Promise<string> {
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const token = await findTokenById(trx, tokenId);
    const owner = token && (await findUserById(trx, token.user_id));
    if (!token || !owner) throw new DomainError('token_not_found', [detail('id', 'no_token', { id: tokenId })]);
    const now = ctx.clock.now();
    if (await revokeTokenById(trx, tokenId, now.toISOString())) {
      await recordAudit(trx, now, {
        action: 'auth.token_revoked',
        actorUserId: actor.userId,
        actorLabel: actor.label,
        target: `user:${owner.username}`,
        details: { tokenId },
      });
    }
    afterCommit(() => forgetCachedTokens(ctx, token.user_id));
    return owner.username;
  });
}
