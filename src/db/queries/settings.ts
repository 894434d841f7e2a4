// Small key/value settings the server generates once and keeps (for example the session signing secret).
import type { Db } from '../database.js';

export async function findSettingByKey(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts the value unless the key exists; returns the value that is stored either way. */
export async function insertSettingIfAbsent(db: Db, key: string, value: string): Promise<string> {
  await db
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await findSettingByKey(db, key)) ?? value;
}
