// API bearer tokens, stored only as SHA-256 hashes.
import type { Db } from '../database.js';

export async function insertApiToken(
  db: Db,
  token: { token_hash: string; user_id: number; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

export async function findTokenUserByHash(
  db: Db,
  tokenHash: string,
): Promise<
  | {
      user_id: number;
      expires_at: string;
      revoked_at: string | null;
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
      'api_tokens.user_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
