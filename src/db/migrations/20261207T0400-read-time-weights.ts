// Weights are computed when a round is read, no longer stored (issue 16): a submission used to rewrite the base
// weight, non-response factor, stratum and PSU of every completed household of its village and copy them onto
// the responses. All four follow from what stays stored (the draw's area π, the household list, the dispositions,
// the reviews and the interviews' respondent selection), so the copies go. Every other column keeps its data.
// Down restores the columns empty: the code of that time fills a village's rows again at its next outcome.
import { sql, type Kysely } from 'kysely';

const derived = ['base_weight', 'nonresponse_factor', 'stratum', 'psu'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['assignments', 'responses'])
    for (const column of derived) await db.schema.alterTable(table).dropColumn(column).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assignments', 'responses']) {
    await db.schema.alterTable(table).addColumn('base_weight', 'double precision').execute();
    await db.schema
      .alterTable(table)
      .addColumn('nonresponse_factor', 'double precision', (c) => c.check(sql`nonresponse_factor >= 1`))
      .execute();
    await db.schema.alterTable(table).addColumn('stratum', 'text').execute();
    await db.schema.alterTable(table).addColumn('psu', 'text').execute();
  }
}
