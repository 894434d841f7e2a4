// API bearer tokens, stored only as SHA-256 hashes, with the device that asked for each and its last use.
import type { Db } from '../database.js';

export async function insertApiToken(
  db: Db,
  token: { token_hash: string; user_id: number; created_at: string; expires_at: string; device: string | null },
): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

export async function findTokenUserByHash(
  db: Db,
  tokenHash: string,
): Promise<
  | {
      token_id: number;
      user_id: number;
      expires_at: string;
      revoked_at: string | null;
      last_used_at: string | null;
      username: string;
      display_name: string;
      role: string;
      disabled_at: string | null;
    }
  | undefined
> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.user_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateTokenLastUsed(db: Db, tokenId: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export interface TokenListRow {
  id: number;
  user_id: number;
  device: string | null;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Tokens of the given accounts, newest first. */
export async function listTokensByUsers(db: Db, userIds: readonly number[]): Promise<TokenListRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'device', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', 'in', userIds)
    .orderBy('id', 'desc')
    .execute();
}

export async function findTokenById(db: Db, id: number): Promise<{ id: number; user_id: number } | undefined> {
  return db.selectFrom('api_tokens').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}

/** Revokes one token if it is still live; returns whether it was. */
export async function revokeTokenById(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token of an account; returns how many. */
export async function revokeTokensByUser(db: Db, userId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
