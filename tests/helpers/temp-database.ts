// A migrated SQLite database in a temporary folder for tests of src/db, without the rest of the app, and one
// migrated step by step for the tests of data-moving migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { migrationProvider } from '../../src/db/migrations/index.js';

export interface TempDatabase {
  db: Db;
  /** The database file, for a second connection or process. */
  path: string;
  close(): Promise<void>;
}

export async function openTempDatabase(prefix: string): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `langnghe-${prefix}-`));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  await migrateToLatest(db);
  return {
    db,
    path,
    close: async () => {
      await db.destroy();
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

/** An empty database in a temporary folder, migrated step by step: for the tests of data-moving migrations. */
export function openStepDatabase(prefix: string): StepDatabase {
  const dir = mkdtempSync(join(tmpdir(), `langnghe-${prefix}-`));
  const db = openDatabase(join(dir, 'test.db'));
  const migrator = new Migrator({ db, provider: migrationProvider });
  return {
    db,
    migrateTo: async (name) => {
      const { error } = await migrator.migrateTo(name);
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
