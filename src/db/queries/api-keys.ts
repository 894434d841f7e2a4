// Analysts' read-only API keys (api-key-schema.ts): stored as SHA-256 hashes with their round scope.
import type { Db } from '../database.js';

export interface ApiKeyRow {
  id: number;
  user_id: number;
  label: string;
  rounds_json: string | null;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const keyColumns = [
  'id',
  'user_id',
  'label',
  'rounds_json',
  'created_at',
  'created_by',
  'last_used_at',
  'revoked_at',
] as const;

export async function insertApiKey(
  db: Db,
  key: {
    user_id: number;
    key_hash: string;
    label: string;
    rounds_json: string | null;
    created_at: string;
    created_by: string;
  },
): Promise<number> {
  const row = await db.insertInto('api_keys').values(key).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findApiKeyUserByHash(
  db: Db,
  keyHash: string,
): Promise<
  (ApiKeyRow & { username: string; display_name: string; role: string; disabled_at: string | null }) | undefined
> {
  return db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id',
      'api_keys.user_id',
      'api_keys.label',
      'api_keys.rounds_json',
      'api_keys.created_at',
      'api_keys.created_by',
      'api_keys.last_used_at',
      'api_keys.revoked_at',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled_at',
    ])
    .where('api_keys.key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function findApiKeyById(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').select(keyColumns).where('id', '=', id).executeTakeFirst();
}

/** An account's keys, newest first. */
export async function listApiKeysByUser(db: Db, userId: number): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').select(keyColumns).where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

export async function updateApiKeyLastUsed(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Revokes one key if it is still live; returns whether it was. */
export async function revokeApiKeyById(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
