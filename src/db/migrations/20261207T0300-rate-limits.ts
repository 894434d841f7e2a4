// Rate-limit budgets shared by every app process on PostgreSQL (src/db/rate-limit-store.ts): the table
// rate-limiter-flexible's PostgreSQL store reads and writes, in the shape it expects. Created on SQLite too, where
// it stays empty, so that both engines have one schema.
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
