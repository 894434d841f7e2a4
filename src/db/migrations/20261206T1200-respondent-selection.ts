// Within-household selection and the non-response adjustment (issue 16): an interview records how its respondent
// was chosen in the household (method, eligible adults, the chosen line), and completed assignments and their
// responses carry the weighting-class non-response factor beside the base weight. Rows weighted before this
// migration keep their weights: a null factor means 1 (their base weight already holds the village's adjustment).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('selection_method', 'text', (c) => c.check(sql`selection_method in ('kish', 'nearest_birthday')`))
    .execute();
  await db.schema
    .alterTable('responses')
    .addColumn('selection_adults', 'integer', (c) => c.check(sql`selection_adults >= 1`))
    .execute();
  await db.schema
    .alterTable('responses')
    .addColumn('selection_line', 'integer', (c) => c.check(sql`selection_line >= 1`))
    .execute();
  await db.schema
    .alterTable('responses')
    .addColumn('nonresponse_factor', 'double precision', (c) => c.check(sql`nonresponse_factor >= 1`))
    .execute();
  await db.schema
    .alterTable('assignments')
    .addColumn('nonresponse_factor', 'double precision', (c) => c.check(sql`nonresponse_factor >= 1`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assignments').dropColumn('nonresponse_factor').execute();
  for (const column of ['nonresponse_factor', 'selection_line', 'selection_adults', 'selection_method'])
    await db.schema.alterTable('responses').dropColumn(column).execute();
}
