// Ratings from citizens' own phones: the "at most once" claims (device-day, dossier, link use) are inserts on
// unique keys that do nothing on conflict, so the database decides between concurrent requests; held ratings;
// counters' link secrets; service tokens.
import { columnsOf, compileOnce, namedRow } from '../compiled-query.js';
import type { Db } from '../database.js';

type DeviceDay = { counter_id: number; local_day: string; device_hash: string; response_id: string };
type DossierClaim = {
  counter_id: number;
  dossier_code: string;
  response_id: string;
  channel: string;
  rated_at: string;
};
type LinkRow = {
  token_hash: string;
  counter_id: number;
  dossier_code: string;
  issued_at: string;
  expires_at: string;
  minted_by: string;
};

// Every phone rating runs these: compiled once (compiled-query.ts), as the response insert is.
const claimDeviceDayRow = compileOnce<DeviceDay>((db, p) =>
  db
    .insertInto('rating_device_days')
    .values(
      namedRow(columnsOf<DeviceDay>({ counter_id: true, local_day: true, device_hash: true, response_id: true }), p),
    )
    .onConflict((oc) => oc.columns(['counter_id', 'local_day', 'device_hash']).doNothing())
    .returning('response_id'),
);
const claimDossierRow = compileOnce<DossierClaim>((db, p) =>
  db
    .insertInto('rating_dossiers')
    .values(
      namedRow(
        columnsOf<DossierClaim>({
          counter_id: true,
          dossier_code: true,
          response_id: true,
          channel: true,
          rated_at: true,
        }),
        p,
      ),
    )
    .onConflict((oc) => oc.columns(['counter_id', 'dossier_code']).doNothing())
    .returning('response_id'),
);
const insertLinkRow = compileOnce<LinkRow>((db, p) =>
  db
    .insertInto('rating_links')
    .values(
      namedRow(
        columnsOf<LinkRow>({
          token_hash: true,
          counter_id: true,
          dossier_code: true,
          issued_at: true,
          expires_at: true,
          minted_by: true,
        }),
        p,
      ),
    )
    .onConflict((oc) => oc.column('token_hash').doNothing()),
);
const useLinkRow = compileOnce<{ tokenHash: string; responseId: string; at: string }>((db, p) =>
  db
    .updateTable('rating_links')
    .set({ used_at: p('at'), response_id: p('responseId') })
    .where('token_hash', '=', p('tokenHash'))
    .where('used_at', 'is', null),
);
const selectLinkUse = compileOnce<{ tokenHash: string }>((db, p) =>
  db.selectFrom('rating_links').select(['used_at', 'response_id']).where('token_hash', '=', p('tokenHash')),
);

/** Claims the counter's day for the device; false when the device already rated there that day. */
export async function claimDeviceDay(db: Db, row: DeviceDay): Promise<boolean> {
  return (await claimDeviceDayRow.run(db, row)).rows.length === 1;
}

/** Claims the dossier at the counter; false when it was already rated there (by any channel). */
export async function claimDossier(db: Db, row: DossierClaim): Promise<boolean> {
  return (await claimDossierRow.run(db, row)).rows.length === 1;
}

export async function insertRatingLink(db: Db, row: LinkRow): Promise<void> {
  // A link minted offline is first seen when used: recorded then, once.
  await insertLinkRow.run(db, row);
}

/** Spends a link: false when it was already used. */
export async function useRatingLink(db: Db, tokenHash: string, responseId: string, at: string): Promise<boolean> {
  return Number((await useLinkRow.run(db, { tokenHash, responseId, at })).numAffectedRows ?? 0n) === 1;
}

export async function findLinkUseByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ used_at: string | null; response_id: string | null } | undefined> {
  return (await selectLinkUse.run<{ used_at: string | null; response_id: string | null }>(db, { tokenHash })).rows[0];
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

type Hold = { response_id: string; counter_id: number; held_at: string };
const insertHoldRow = compileOnce<Hold>((db, p) =>
  db
    .insertInto('rating_holds')
    .values(namedRow(columnsOf<Hold>({ response_id: true, counter_id: true, held_at: true }), p)),
);

export async function insertHold(db: Db, row: Hold): Promise<void> {
  await insertHoldRow.run(db, row);
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
