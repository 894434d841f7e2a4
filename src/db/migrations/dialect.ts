// The two places where one migration must write different DDL for SQLite and PostgreSQL. On SQLite each helper
// gives exactly the DDL the migrations wrote before PostgreSQL came, so existing databases migrate unchanged.
// Frozen in time like the migrations: typed Kysely<any>, no application code.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export const onPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** An integer key the database numbers itself: SQLite's autoincrement rowid alias, PostgreSQL's identity column. */
export function identity(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return onPostgres(db) ? (c) => c.generatedByDefaultAsIdentity().primaryKey() : (c) => c.primaryKey().autoIncrement();
}

/**
 * An 8-byte float. SQLite's `real` already is one (and the type text of existing tables stays `real`);
 * PostgreSQL's `real` is 4 bytes (25.123456789 reads back as 25.123457), so it gets `double precision`.
 */
export const float = (db: Kysely<any>): 'real' | 'double precision' => (onPostgres(db) ? 'double precision' : 'real');
