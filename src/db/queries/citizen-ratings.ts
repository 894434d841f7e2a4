// Ratings from citizens' own phones: the "at most once" claims (device-day, dossier, link use) are inserts on
// unique keys that do nothing on conflict, so the database decides between concurrent requests; held ratings;
// counters' link secrets; service tokens.
import type { Db } from '../database.js';

/** Claims the counter's day for the device; false when the device already rated there that day. */
export async function claimDeviceDay(
  db: Db,
  row: { counter_id: number; local_day: string; device_hash: string; response_id: string },
): Promise<boolean> {
  const result = await db
    .insertInto('rating_device_days')
    .values(row)
    .onConflict((oc) => oc.columns(['counter_id', 'local_day', 'device_hash']).doNothing())
    .returning('response_id')
    .executeTakeFirst();
  return result !== undefined;
}

/** Claims the dossier at the counter; false when it was already rated there (by any channel). */
export async function claimDossier(
  db: Db,
  row: { counter_id: number; dossier_code: string; response_id: string; channel: string; rated_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('rating_dossiers')
    .values(row)
    .onConflict((oc) => oc.columns(['counter_id', 'dossier_code']).doNothing())
    .returning('response_id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function insertRatingLink(
  db: Db,
  row: {
    token_hash: string;
    counter_id: number;
    dossier_code: string;
    issued_at: string;
    expires_at: string;
    minted_by: string;
  },
): Promise<void> {
  // A link minted offline is first seen when used: recorded then, once.
  await db
    .insertInto('rating_links')
    .values(row)
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** Spends a link: false when it was already used. */
export async function useRatingLink(db: Db, tokenHash: string, responseId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('rating_links')
    .set({ used_at: at, response_id: responseId })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findLinkUseByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('rating_links')
    .select(['used_at', 'response_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sets the counter's link secret unless it has one; returns the secret in force. */
export async function ensureLinkSecret(db: Db, counterId: number, candidate: string): Promise<string> {
  await db
    .updateTable('kiosk_counters')
    .set({ link_secret: candidate })
    .where('id', '=', counterId)
    .where('link_secret', 'is', null)
    .execute();
  const row = await db
    .selectFrom('kiosk_counters')
    .select('link_secret')
    .where('id', '=', counterId)
    .executeTakeFirstOrThrow();
  return row.link_secret ?? candidate;
}

export async function insertHold(db: Db, row: { response_id: string; counter_id: number; held_at: string }) {
  await db.insertInto('rating_holds').values(row).execute();
}

/** Held ratings per counter (status 'held'). */
export async function countHeldByCounter(db: Db): Promise<{ counter_id: number; held: number }[]> {
  const rows = await db
    .selectFrom('rating_holds')
    .select(['counter_id', (eb) => eb.fn.countAll<number | bigint | string>().as('held')])
    .where('status', '=', 'held')
    .groupBy('counter_id')
    .execute();
  return rows.map((r) => ({ counter_id: r.counter_id, held: Number(r.held) }));
}

export async function decideHolds(
  db: Db,
  counterId: number,
  decision: { status: 'released' | 'rejected'; decided_at: string; decided_by: number | null },
): Promise<number> {
  const result = await db
    .updateTable('rating_holds')
    .set(decision)
    .where('counter_id', '=', counterId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Counted ratings from phones ('qr' or 'link') between two local days, with their counter: held and rejected
 * ratings are left out.
 */
export async function listPhoneRatings(db: Db, source: 'qr' | 'link', fromDay: string, toDay: string) {
  return db
    .selectFrom('responses')
    .innerJoin('kiosk_counters', 'kiosk_counters.id', 'responses.kiosk_counter_id')
    .leftJoin('rating_holds', 'rating_holds.response_id', 'responses.id')
    .select([
      'responses.local_day',
      'responses.answers_json',
      'responses.survey_code',
      'responses.survey_version',
      'kiosk_counters.code',
      'kiosk_counters.agency',
      'kiosk_counters.field',
    ])
    .where('responses.source', '=', source)
    .where('responses.local_day', '>=', fromDay)
    .where('responses.local_day', '<=', toDay)
    .where((eb) => eb.or([eb('rating_holds.status', 'is', null), eb('rating_holds.status', '=', 'released')]))
    .execute();
}

/** Links issued per counter between two instants (ISO), for the links' response rate. */
export async function countLinksIssued(db: Db, fromAt: string, toAt: string) {
  const rows = await db
    .selectFrom('rating_links')
    .innerJoin('kiosk_counters', 'kiosk_counters.id', 'rating_links.counter_id')
    .select([
      'kiosk_counters.code',
      'kiosk_counters.agency',
      'kiosk_counters.field',
      (eb) => eb.fn.countAll<number | bigint | string>().as('issued'),
    ])
    .where('rating_links.issued_at', '>=', fromAt)
    .where('rating_links.issued_at', '<=', toAt)
    .groupBy(['kiosk_counters.code', 'kiosk_counters.agency', 'kiosk_counters.field'])
    .execute();
  return rows.map((r) => ({ code: r.code, agency: r.agency, field: r.field, issued: Number(r.issued) }));
}

export async function insertServiceToken(
  db: Db,
  row: { name: string; token_hash: string; scope: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('service_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findServiceTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('service_tokens')
    .select(['id', 'name', 'scope', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function listServiceTokens(db: Db) {
  return db
    .selectFrom('service_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'revoked_at'])
    .orderBy('id')
    .execute();
}

/** Revokes a live token; false when there is none with that id or it was already revoked. */
export async function revokeServiceTokenById(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('service_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ratings from phones per counter and channel on one local day (held ones included: the admin sees volume). */
export async function countPhoneRatingsByDay(db: Db, day: string) {
  const rows = await db
    .selectFrom('responses')
    .select(['kiosk_counter_id', 'source', (eb) => eb.fn.countAll<number | bigint | string>().as('n')])
    .where('local_day', '=', day)
    .where('source', 'in', ['qr', 'link'])
    .groupBy(['kiosk_counter_id', 'source'])
    .execute();
  return rows.map((r) => ({ counterId: r.kiosk_counter_id, source: r.source, n: Number(r.n) }));
}
