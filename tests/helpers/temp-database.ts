// A migrated database for tests of src/db, without the rest of the app, and one migrated step by step for the
// tests of data-moving migrations: SQLite in a temporary folder, or a fresh PostgreSQL database when the tests
// run on PostgreSQL (tests/helpers/postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { openPostgres } from '../../src/db/engine.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { createTestDatabase, onPostgres } from './postgres.js';

export interface TempDatabase {
  db: Db;
  /** The SQLite database file, for a second connection or process (a file that is never made on PostgreSQL). */
  path: string;
  /** The PostgreSQL database's URL, when the tests run there. */
  url?: string;
  close(): Promise<void>;
}

export async function openTempDatabase(prefix: string): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `langnghe-${prefix}-`));
  const path = join(dir, 'test.db');
  const pg = onPostgres ? await createTestDatabase({ migrated: true }) : null;
  const db = pg ? openPostgres(pg.url) : openDatabase(path);
  await migrateToLatest(db);
  return {
    db,
    path,
    ...(pg ? { url: pg.url } : {}),
    close: async () => {
      await db.destroy();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface StepDatabase {
  db: Db;
  /** Migrates up or down to the named migration (its `up` included). */
  migrateTo(name: string): Promise<void>;
  close(): Promise<void>;
}

/** An empty database, migrated step by step: for the tests of data-moving migrations. */
export async function openStepDatabase(prefix: string): Promise<StepDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `langnghe-${prefix}-`));
  const pg = onPostgres ? await createTestDatabase({ migrated: false }) : null;
  const db = pg ? openPostgres(pg.url) : openDatabase(join(dir, 'test.db'));
  const migrator = new Migrator({ db, provider: migrationProvider });
  return {
    db,
    migrateTo: async (name) => {
      const { error } = await migrator.migrateTo(name);
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
    close: async () => {
      await db.destroy();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The names of the database's tables (sqlite_master on SQLite, the catalogue of the public schema on PostgreSQL). */
export async function tableNames(db: Db): Promise<string[]> {
  const query = onPostgres
    ? sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`
    : sql<{ name: string }>`select name from sqlite_master where type = 'table'`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

/** A table's column names, in order. */
export async function columnNames(db: Db, table: string): Promise<string[]> {
  const query = onPostgres
    ? sql<{
        name: string;
      }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`
    : sql<{ name: string }>`select name from pragma_table_info(${table})`;
  return (await query.execute(db)).rows.map((r) => r.name);
}

/** The indexes a migration created on a table (not those the engine makes for keys). */
export async function indexNames(db: Db, table: string): Promise<string[]> {
  const query = onPostgres
    ? sql<{ name: string }>`select i.indexname as name from pg_indexes i
        where i.schemaname = 'public' and i.tablename = ${table}
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`
    : sql<{
        name: string;
      }>`select name from sqlite_master where type = 'index' and tbl_name = ${table} and name not like 'sqlite_autoindex%'`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

/** What each engine says when a statement breaks a constraint. */
export const violates = onPostgres
  ? { unique: /duplicate key value violates unique constraint/, check: /violates check constraint/ }
  : { unique: /UNIQUE constraint failed/, check: /CHECK constraint failed/ };
