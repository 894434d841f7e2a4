// Each round states its variance design: for a round on a sample draw, the lonely-PSU rule; for a round
// collected outside a draw (SIPAS at counters), simple random sampling with or without a population size, or
// strata from one question. Existing rounds keep what the results pages did before, now stated: 'adjust' for
// lonely PSUs, and simple random sampling without fpc outside a draw.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rounds')
    .addColumn('design', 'text', (c) =>
      c
        .notNull()
        .defaultTo('sample')
        .check(sql`design in ('sample', 'srs', 'stratified')`),
    )
    .execute();
  await db.schema
    .alterTable('rounds')
    .addColumn('design_population', 'integer', (c) => c.check(sql`design_population > 0`))
    .execute();
  await db.schema.alterTable('rounds').addColumn('design_question', 'text').execute();
  await db.schema
    .alterTable('rounds')
    .addColumn('lonely_psu', 'text', (c) =>
      c
        .notNull()
        .defaultTo('adjust')
        .check(sql`lonely_psu in ('fail', 'remove', 'certainty', 'adjust', 'average')`),
    )
    .execute();
  await sql`update rounds set design = 'srs' where draw_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['lonely_psu', 'design_question', 'design_population', 'design']) {
    await db.schema.alterTable('rounds').dropColumn(column).execute();
  }
}
