// The national tables as published (score, rank among provinces, group), per year, index, province and node.
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { PublishedResultTable } from '../plan-schema.js';

export async function listPublishedByProvince(db: Db, provinceKey: string) {
  return db.selectFrom('published_results').selectAll().where('province_key', '=', provinceKey).execute();
}

/** Which years each index has in the tables, and how many provinces each table holds. */
export async function summarisePublished(db: Db) {
  return db
    .selectFrom('published_results')
    .select(['year', 'index_code', 'source', db.fn.count<number>('province_key').distinct().as('provinces')])
    .groupBy(['year', 'index_code', 'source'])
    .orderBy('year', 'desc')
    .orderBy('index_code')
    .execute();
}

/** Replaces a national table (every row of these years and indices that came from a CSV) with new rows. */
export async function replacePublished(
  db: Db,
  tables: readonly { year: number; index_code: string }[],
  rows: readonly Insertable<PublishedResultTable>[],
): Promise<void> {
  for (const t of tables) {
    await db
      .deleteFrom('published_results')
      .where('year', '=', t.year)
      .where('index_code', '=', t.index_code)
      .execute();
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('published_results')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function findPublished(
  db: Db,
  key: { year: number; index_code: string; province_key: string; node_code: string },
) {
  return db
    .selectFrom('published_results')
    .selectAll()
    .where('year', '=', key.year)
    .where('index_code', '=', key.index_code)
    .where('province_key', '=', key.province_key)
    .where('node_code', '=', key.node_code)
    .executeTakeFirst();
}

export async function insertPublished(db: Db, row: Insertable<PublishedResultTable>): Promise<void> {
  await db.insertInto('published_results').values(row).execute();
}
