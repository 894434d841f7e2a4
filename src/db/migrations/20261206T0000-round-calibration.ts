// Calibration of a round to population margins (census counts by sex, age band, …): the method and the margins
// an analyst uploaded. Estimates then use the calibrated weights; the stored base weights never change.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rounds')
    .addColumn('calibration', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`calibration in ('none', 'poststratify', 'raking')`),
    )
    .execute();
  await db.schema
    .createTable('round_margins')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull().check(sql`total > 0`))
    .addPrimaryKeyConstraint('round_margins_pk', ['round_id', 'variable', 'level'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_margins').execute();
  await db.schema.alterTable('rounds').dropColumn('calibration').execute();
}
