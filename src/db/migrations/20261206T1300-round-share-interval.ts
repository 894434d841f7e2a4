// Each round chooses the interval of its shares (SIPAS % satisfied): 'logit' (what every round used so far, so
// existing rounds keep it) or Korn–Graubard 'beta'. Bounded scores always use the logit of the rescaled score.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rounds')
    .addColumn('share_interval', 'text', (c) =>
      c
        .notNull()
        .defaultTo('logit')
        .check(sql`share_interval in ('logit', 'beta')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rounds').dropColumn('share_interval').execute();
}
