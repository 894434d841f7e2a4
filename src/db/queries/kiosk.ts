// Kiosk counters, paired devices, one-time pairing codes, and the per-counter figures of the admin view.
import type { Db } from '../database.js';

export async function insertCounter(
  db: Db,
  c: { code: string; agency: string; field: string; location: string | null; survey_code: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('kiosk_counters').values(c).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findCounterByCode(db: Db, code: string) {
  return db.selectFrom('kiosk_counters').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findCounterById(db: Db, id: number) {
  return db.selectFrom('kiosk_counters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCounters(db: Db) {
  return db.selectFrom('kiosk_counters').selectAll().orderBy('code').execute();
}

export async function insertPairingCode(
  db: Db,
  row: { code_hash: string; counter_id: number; expires_at: string },
): Promise<void> {
  await db.insertInto('kiosk_pairing_codes').values(row).execute();
}

/** Marks an unused, unexpired code as used and returns its counter; a code works exactly once. */
export async function consumePairingCode(db: Db, codeHash: string, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('kiosk_pairing_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('counter_id')
    .executeTakeFirst();
  return row?.counter_id;
}

export async function insertDevice(
  db: Db,
  row: { counter_id: number; token_hash: string; paired_at: string },
): Promise<number> {
  const { id } = await db.insertInto('kiosk_devices').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findDeviceByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('kiosk_devices')
    .innerJoin('kiosk_counters', 'kiosk_counters.id', 'kiosk_devices.counter_id')
    .select([
      'kiosk_devices.id',
      'kiosk_devices.counter_id',
      'kiosk_devices.revoked_at',
      'kiosk_counters.code',
      'kiosk_counters.agency',
      'kiosk_counters.field',
      'kiosk_counters.location',
      'kiosk_counters.survey_code',
    ])
    .where('kiosk_devices.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchDevice(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('kiosk_devices').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeDeviceById(db: Db, id: number, at: string): Promise<number> {
  const result = await db
    .updateTable('kiosk_devices')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listDevices(db: Db) {
  return db.selectFrom('kiosk_devices').selectAll().orderBy('id').execute();
}

export async function dossierRatedOnDay(db: Db, counterId: number, dossierCode: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('responses')
    .select('id')
    .where('kiosk_counter_id', '=', counterId)
    .where('dossier_code', '=', dossierCode)
    .where('local_day', '=', day)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ratings of one local day per counter, with their answers (the overall rating is read from them). */
export async function listRatingsByDay(db: Db, day: string) {
  return db
    .selectFrom('responses')
    .select(['kiosk_counter_id', 'answers_json', 'survey_code', 'survey_version'])
    .where('local_day', '=', day)
    .where('source', '=', 'kiosk')
    .execute();
}

/**
 * Kiosk ratings between two local days counted per day, counter, questionnaire version and rating (the answer to
 * the satisfaction question), on the index that holds exactly these columns: no rating row is read.
 */
export async function countKioskRatingsByDay(db: Db, fromDay: string, toDay: string) {
  return db
    .selectFrom('responses')
    .select((eb) => [
      'local_day',
      'kiosk_counter_id',
      'survey_code',
      'survey_version',
      'rating',
      eb.fn.countAll<number>().as('ratings'),
    ])
    .where('source', '=', 'kiosk')
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay)
    .groupBy(['local_day', 'kiosk_counter_id', 'survey_code', 'survey_version', 'rating'])
    .execute();
}

/** Kiosk ratings stored before their rating had a column (none once filled), a page at a time in seq order. */
export async function listUnratedKioskRatings(db: Db, afterSeq: number, limit: number) {
  return db
    .selectFrom('responses')
    .select(['seq', 'survey_code', 'survey_version', 'answers_json'])
    .where('source', '=', 'kiosk')
    .where('rating', 'is', null)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function setResponseRating(db: Db, seq: number, rating: number): Promise<void> {
  await db.updateTable('responses').set({ rating }).where('seq', '=', seq).execute();
}
