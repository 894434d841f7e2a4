// Service tokens: for another system (the province's dossier software), not a person. Each carries one scope
// (today only `rating-links`); only its SHA-256 is stored and it is shown once when issued.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import {
  findServiceTokenByHash,
  insertServiceToken,
  listServiceTokens,
  revokeServiceTokenById,
} from '../../db/queries/citizen-ratings.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { recordAudit } from '../audit/audit-log.js';

export const serviceScopes = ['rating-links'] as const;
export type ServiceScope = (typeof serviceScopes)[number];
const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function issueServiceToken(
  ctx: AppContext,
  name: string,
  scope: ServiceScope,
  actor: Actor,
): Promise<string> {
  const token = `st_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const id = await insertServiceToken(trx, { name, token_hash: hash(token), scope, created_at: now.toISOString() });
    await recordAudit(trx, now, {
      action: 'service_token.issue',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `service_token:${id}:${scope}`,
    });
  });
  return token;
}

export interface ServiceTokenInfo {
  id: number;
  name: string;
  scope: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Every token ever issued (never the token itself: only its hash is stored). */
export async function allServiceTokens(ctx: AppContext): Promise<ServiceTokenInfo[]> {
  return (await listServiceTokens(ctx.db)).map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes a token at once (the API checks the database on every call, so the next call is 401); audited.
 * Unknown ids are 404 `service_token_not_found`, a token already revoked 409 `service_token_revoked`.
 */
export async function revokeServiceToken(ctx: AppContext, id: number, actor: Actor): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    if (!(await revokeServiceTokenById(trx, id, now.toISOString()))) {
      const known = (await listServiceTokens(trx)).some((t) => t.id === id);
      throw new DomainError(known ? 'service_token_revoked' : 'service_token_not_found', [
        detail('id', known ? 'service_token_revoked' : 'service_token_unknown'),
      ]);
    }
    await recordAudit(trx, now, {
      action: 'service_token.revoke',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `service_token:${id}`,
    });
  });
}

/** The token's name if it is live and has the scope: 401 for an unknown or revoked token, 403 for another scope. */
export async function authenticateService(ctx: AppContext, token: string, scope: ServiceScope): Promise<string> {
  const row = await findServiceTokenByHash(ctx.db, hash(token));
  if (!row || row.revoked_at !== null)
    throw new DomainError('unauthenticated', [detail('authorization', 'service_token_unknown')]);
  if (row.scope !== scope) throw new DomainError('forbidden', [detail('authorization', 'scope_missing', { scope })]);
  return row.name;
}
