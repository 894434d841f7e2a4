// File-level database operations for backups: an online copy through SQLite's backup API (a consistent snapshot
// even while the server writes: the whole file is copied in one step under one read transaction, which WAL
// lets run beside writers), and inspection of a file (integrity check, applied migrations).
import { closeSync, fsyncSync, openSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { migrationProvider } from './migrations/index.js';

/** A file that cannot be read or written as a database (not SQLite, damaged, disk full…). */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
}

const asFileError =
  (path: string) =>
  (err: unknown): never => {
    throw new DatabaseFileError(`${path}: ${(err as Error)?.message ?? String(err)}`);
  };

/** Every page in one step: one snapshot, never a mixture of before and after a concurrent commit. */
const allPages = 0x7fffffff;

/**
 * Copies the database at `source` into `dest` (a new file) and makes the copy self-contained (rollback
 * journal, no -wal file needed). Example: `await copyDatabase('data/langnghe.db', '/backups/2026-11-23.db')`.
 */
export async function copyDatabase(source: string, dest: string): Promise<{ pages: number }> {
  return copy(source, dest).catch(asFileError(source));
}

async function copy(source: string, dest: string): Promise<{ pages: number }> {
  // Not read-only: a WAL database may need its -shm file created, which a read-only connection cannot do.
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(dest, { progress: () => allPages });
    const copy = new SQLite(dest);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    syncFile(dest);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

export interface DatabaseInspection {
  /** 'ok', or the problems PRAGMA integrity_check reports. */
  integrity: string[];
  /** Migration names recorded in the file; null when it has no migrations table (not a Lắng Nghe database). */
  migrations: string[] | null;
  /** Names of the migrations this version of the code knows. */
  known: string[];
  responses: number | null;
}

export async function inspectDatabase(path: string): Promise<DatabaseInspection> {
  return inspect(path).catch(asFileError(path));
}

async function inspect(path: string): Promise<DatabaseInspection> {
  const known = Object.keys(await migrationProvider.getMigrations());
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const has = (table: string): boolean =>
      db.prepare('select 1 from sqlite_master where type = ? and name = ?').get('table', table) !== undefined;
    const migrations = has('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
      : null;
    const responses = has('responses')
      ? (db.prepare('select count(*) as n from responses').get() as { n: number }).n
      : null;
    return { integrity, migrations, known, responses };
  } finally {
    db.close();
  }
}

/** Flushes a file (and, for a directory, its entries) to disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
