// Whole-database backups (`langnghe backup`) and restores (`langnghe restore`). A backup is an online, consistent
// copy taken while the server runs; it is checked (integrity, migrations) before it gets its final name. A
// restore checks the file the same way, keeps a copy of the current database, then swaps the file in atomically.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  copyDatabase,
  DatabaseFileError,
  inspectDatabase,
  syncFile,
  type DatabaseInspection,
} from '../../db/backup.js';

/** A refused backup or restore; the message says what to do. */
export class BackupError extends Error {
  override readonly name: string = 'BackupError';
}

/** A tool the backup needs is missing or too old (pg_dump, pg_restore); exit 3 rather than 2. */
export class BackupToolError extends BackupError {
  override readonly name = 'BackupToolError';
}

export interface BackupReport {
  file: string;
  bytes: number;
  responses: number;
  migrations: number;
}

export interface RestoreReport extends BackupReport {
  /** Where the database that was replaced was kept, or null when there was none. */
  previous: string | null;
  /** Migrations newer than the backup; they run when the server next starts. */
  pending: string[];
}

/** Refuses a file that is damaged, is not one of our databases, or was made by a newer version. */
async function verified(path: string): Promise<DatabaseInspection & { migrations: string[]; responses: number }> {
  const found = await inspectDatabase(path);
  if (found.integrity.join('\n') !== 'ok')
    throw new BackupError(`integrity check failed:\n  ${found.integrity.slice(0, 10).join('\n  ')}`);
  if (found.migrations === null || found.responses === null)
    throw new BackupError('not a Lắng Nghe database (no migrations table)');
  const unknown = found.migrations.filter((m) => !found.known.includes(m));
  if (unknown.length > 0)
    throw new BackupError(`made by a newer version of langnghe (unknown migrations: ${unknown.join(', ')})`);
  return { ...found, migrations: found.migrations, responses: found.responses };
}

/** Copies to a temporary name next to `final`, verifies, then renames: `final` is complete or absent. */
async function copyVerified(source: string, final: string): Promise<Awaited<ReturnType<typeof verified>>> {
  const partial = `${final}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    await copyDatabase(source, partial);
    const found = await verified(partial);
    renameSync(partial, final);
    syncFile(dirname(final));
    return found;
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof DatabaseFileError) throw new BackupError(`cannot copy: ${err.message}`);
    throw err;
  }
}

export async function backupDatabase(databasePath: string, out: string): Promise<BackupReport> {
  if (!existsSync(databasePath)) throw new BackupError(`no database at ${databasePath}`);
  if (existsSync(out)) throw new BackupError(`${out} exists; give the backup a new file name`);
  if (!existsSync(dirname(out))) throw new BackupError(`the folder ${dirname(out)} does not exist`);
  const found = await copyVerified(databasePath, out);
  return { file: out, bytes: statSync(out).size, responses: found.responses, migrations: found.migrations.length };
}

/**
 * Replaces the database with a backup. Refused while the database looks open (its -wal or -shm file exists):
 * stop the server first; after a crash those files are stale and `force` goes ahead (the current database,
 * with whatever its WAL still held, is kept as DATABASE_PATH.pre-restore-<time> either way).
 */
export async function restoreDatabase(
  databasePath: string,
  from: string,
  opts: { force: boolean; now: Date },
): Promise<RestoreReport> {
  if (!existsSync(from)) throw new BackupError(`no backup file at ${from}`);
  const open = ['-wal', '-shm'].filter((s) => existsSync(`${databasePath}${s}`));
  if (open.length > 0 && !opts.force) {
    throw new BackupError(
      `${databasePath} looks open (${open.map((s) => databasePath + s).join(', ')} exists): stop the server first, or pass --force if it crashed`,
    );
  }
  mkdirSync(dirname(databasePath), { recursive: true });
  const incoming = `${databasePath}.restore-${process.pid}`;
  const found = await copyVerified(from, incoming);
  let previous: string | null = null;
  try {
    if (existsSync(databasePath)) {
      previous = `${databasePath}.pre-restore-${opts.now.toISOString().replace(/[:.]/g, '-')}`;
      await copyDatabase(databasePath, previous);
    }
    // A stale WAL would be replayed onto the restored file: it must go before the new file takes the name.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${databasePath}${suffix}`, { force: true });
    renameSync(incoming, databasePath);
    syncFile(dirname(databasePath));
  } catch (err) {
    rmSync(incoming, { force: true });
    throw err;
  }
  return {
    file: databasePath,
    bytes: statSync(databasePath).size,
    responses: found.responses,
    migrations: found.migrations.length,
    previous,
    pending: found.known.filter((m) => !found.migrations.includes(m)),
  };
}
