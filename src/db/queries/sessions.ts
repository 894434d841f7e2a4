// Server-side browser sessions (express-session store rows).
import type { Db } from '../database.js';

export async function findSessionBySid(db: Db, sid: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select('data_json')
    .where('sid', '=', sid)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.data_json;
}

export async function upsertSession(
  db: Db,
  sid: string,
  dataJson: string,
  expiresAt: string,
  userId: number | null,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ sid, data_json: dataJson, expires_at: expiresAt, user_id: userId })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data_json: dataJson, expires_at: expiresAt, user_id: userId }))
    .execute();
}

/** Ends every session of an account (except `keepSid`, the caller's own); returns how many. */
export async function deleteSessionsByUser(db: Db, userId: number, keepSid: string | null = null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSid !== null) query = query.where('sid', '<>', keepSid);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function updateSessionExpiry(db: Db, sid: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('sid', '=', sid).execute();
}

export async function deleteSessionBySid(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
