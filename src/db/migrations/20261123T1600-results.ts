// Survey rounds (questionnaire version + sampling draw + period) and the analysts' targets with their owners.
// Frozen in time: typed Kysely<any> and never imports application code.
import { sql, type Kysely } from 'kysely';
import { identity, float } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('survey_code', 'text', (c) => c.notNull())
    .addColumn('survey_version', 'text', (c) => c.notNull())
    .addColumn('draw_id', 'integer', (c) => c.references('sample_draws.id'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('rounds_period_ck', sql`period_start <= period_end`)
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', 'integer', identity(db))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('node_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('absolute', 'change')`))
    .addColumn('value', float(db), (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('targets_round_node_uq', ['round_id', 'node_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('targets').execute();
  await db.schema.dropTable('rounds').execute();
}
