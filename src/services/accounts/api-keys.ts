// Read-only API keys for analysts' refreshable feeds (Excel "From Web", Power BI): created by an admin (accounts
// page or `langnghe apikey add`), shown once, stored as a SHA-256 hash, scoped to listed rounds or to every round
// the account may read, revocable at once, and audited when created and revoked. They never expire: a dashboard's
// scheduled refresh has no one to sign in again.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import {
  findApiKeyById,
  findApiKeyUserByHash,
  insertApiKey,
  listApiKeysByUser,
  revokeApiKeyById,
  updateApiKeyLastUsed,
} from '../../db/queries/api-keys.js';
import { findRoundByCode } from '../../db/queries/rounds.js';
import { findUserById, findUserByUsername } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { isRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit-log.js';
import type { SessionUser } from './users.js';

/** Keys start with this, so a key is told from a session token without a database read. */
export const apiKeyPrefix = 'lnk_';
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');
export const isApiKey = (bearer: string): boolean => bearer.startsWith(apiKeyPrefix);

/** What a key may read: listed round codes, or null for every round its account may read. */
export interface ApiKeyScope {
  id: number;
  rounds: string[] | null;
}

export interface ApiKeyView {
  id: number;
  label: string;
  rounds: string[] | null;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface NewApiKey {
  username: string;
  label?: string | undefined;
  /** Round codes; empty or undefined: every round. */
  rounds?: readonly string[] | undefined;
}

const roundsOf = (json: string | null): string[] | null => (json === null ? null : (JSON.parse(json) as string[]));

/** Creates a key for an analyst account and returns it: the only time it is ever shown. */
export async function createApiKey(
  ctx: AppContext,
  input: NewApiKey,
  actor: Actor,
): Promise<{ id: number; key: string }> {
  const username = input.username.trim().toLowerCase();
  const label = input.label?.trim().slice(0, 80) || 'API';
  const rounds = [...new Set((input.rounds ?? []).map((r) => r.trim()).filter((r) => r !== ''))];
  if (rounds.length > 100)
    throw new DomainError('invalid_request', [detail('rounds', 'too_many_rounds', { max: 100 })]);
  const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
  const id = await inTransaction(ctx.db, async (trx) => {
    const user = await findUserByUsername(trx, username);
    if (!user) throw new DomainError('user_not_found', [detail('username', 'no_account', { username })]);
    if (user.role !== 'analyst')
      throw new DomainError('api_key_analyst_only', [detail('username', 'role_is', { username, role: user.role })]);
    const missing: ErrorDetail[] = [];
    for (const code of rounds)
      if (!(await findRoundByCode(trx, code))) missing.push(detail('rounds', 'no_round', { code }));
    if (missing.length > 0) throw new DomainError('round_not_found', missing);
    const now = ctx.clock.now();
    const keyId = await insertApiKey(trx, {
      user_id: user.id,
      key_hash: hashKey(key),
      label,
      rounds_json: rounds.length > 0 ? JSON.stringify(rounds) : null,
      created_at: now.toISOString(),
      created_by: actor.label,
    });
    await recordAudit(trx, now, {
      action: 'api_key.created',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `user:${user.username}`,
      details: { keyId, label, rounds: rounds.length > 0 ? rounds : 'all' },
    });
    return keyId;
  });
  return { id, key };
}

/** Revokes a key (at once: keys are never cached) and returns its owner's username; a second revoke is no error. */
export async function revokeApiKey(ctx: AppContext, id: number, actor: Actor): Promise<string> {
  return inTransaction(ctx.db, async (trx) => {
    const key = await findApiKeyById(trx, id);
    const owner = key && (await findUserById(trx, key.user_id));
    if (!key || !owner) throw new DomainError('api_key_not_found', [detail('id', 'no_api_key', { id })]);
    const now = ctx.clock.now();
    if (await revokeApiKeyById(trx, id, now.toISOString())) {
      await recordAudit(trx, now, {
        action: 'api_key.revoked',
        actorUserId: actor.userId,
        actorLabel: actor.label,
        target: `user:${owner.username}`,
        details: { keyId: id, label: key.label },
      });
    }
    return owner.username;
  });
}

export async function apiKeysOf(ctx: AppContext, userId: number): Promise<ApiKeyView[]> {
  return (await listApiKeysByUser(ctx.db, userId)).map((k) => ({
    id: k.id,
    label: k.label,
    rounds: roundsOf(k.rounds_json),
    createdAt: k.created_at,
    createdBy: k.created_by,
    lastUsedAt: k.last_used_at,
    revoked: k.revoked_at !== null,
  }));
}

/**
 * The account behind a key and the key's scope: 401 `unauthenticated` for an unknown key or a disabled account,
 * 401 `api_key_revoked` for a revoked one. The last use is recorded at most once a minute.
 */
export async function authenticateApiKey(
  ctx: AppContext,
  key: string,
): Promise<{ user: SessionUser; scope: ApiKeyScope }> {
  const row = await findApiKeyUserByHash(ctx.db, hashKey(key));
  if (!row || row.disabled_at !== null || !isRole(row.role))
    throw new DomainError('unauthenticated', [detail('authorization', 'api_key_unknown')]);
  if (row.revoked_at !== null) throw new DomainError('api_key_revoked', [detail('authorization', 'api_key_revoked')]);
  const now = ctx.clock.now();
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= 60_000)
    await updateApiKeyLastUsed(ctx.db, row.id, now.toISOString());
  return {
    user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
    scope: { id: row.id, rounds: roundsOf(row.rounds_json) },
  };
}

/** Whether a key (or a token: no scope) may read a round. */
export const scopeAllows = (scope: ApiKeyScope | undefined, roundCode: string): boolean =>
  !scope || scope.rounds === null || scope.rounds.includes(roundCode);

/** 403 `api_key_out_of_scope` when the key does not cover the round. */
export function assertScopeAllows(scope: ApiKeyScope | undefined, roundCode: string): void {
  if (!scopeAllows(scope, roundCode))
    throw new DomainError('api_key_out_of_scope', [detail('round', 'round_outside_key', { code: roundCode })]);
}
