// One-time enrolment codes (the admin's sign-in QR for a surveyor's phone), stored only as SHA-256 hashes.
import type { Db } from '../database.js';

export async function insertEnrolmentCode(
  db: Db,
  row: { code_hash: string; user_id: number; created_by: number | null; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('enrolment_codes').values(row).execute();
}

export async function findEnrolmentCodeByHash(
  db: Db,
  codeHash: string,
): Promise<{ id: number; user_id: number; expires_at: string; used_at: string | null } | undefined> {
  return db
    .selectFrom('enrolment_codes')
    .select(['id', 'user_id', 'expires_at', 'used_at'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Marks a code used if it is still unused and unexpired; false when another request used it first. */
export async function consumeEnrolmentCode(db: Db, id: number, now: string, device: string | null): Promise<boolean> {
  const result = await db
    .updateTable('enrolment_codes')
    .set({ used_at: now, used_device: device })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
