// A migrated SQLite database in a temporary folder for tests of src/db, without the rest of the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';

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
