// `langnghe backup` and `restore` when DATABASE_URL names PostgreSQL: pg_dump's custom format, checked as the
// SQLite copies are (a Lắng Nghe database, no migration newer than this version, every row there) before the
// archive gets its final name; a restore is checked the same way before and after pg_restore.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactUrl } from '../../db/engine.js';
import { migrationProvider } from '../../db/migrations/index.js';
import {
  dumpPostgres,
  PgBackupError,
  PgToolError,
  readArchive,
  restorePostgres,
  type ArchiveContents,
} from '../../db/pg-backup.js';
import { BackupError, BackupToolError, type BackupReport, type RestoreReport } from './database-backup.js';

/** The tools' failures in the catalogue of backup refusals. */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PgToolError) throw new BackupToolError(err.message);
    if (err instanceof PgBackupError) throw new BackupError(err.message);
    throw err;
  }
}

/** Refuses an archive that is not one of our databases or was made by a newer version. */
async function verifiedArchive(file: string): Promise<ArchiveContents & { migrations: string[]; known: string[] }> {
  const known = Object.keys(await migrationProvider.getMigrations());
  const found = await readArchive(file);
  if (found.migrations === null || !found.counts.has('responses'))
    throw new BackupError('not a Lắng Nghe database (no migrations table)');
  const unknown = found.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    throw new BackupError(`made by a newer version of langnghe (unknown migrations: ${unknown.join(', ')})`);
  return { ...found, migrations: found.migrations, known };
}

export const backupPostgres = (url: string, out: string): Promise<BackupReport> => translated(() => backup(url, out));

async function backup(url: string, out: string): Promise<BackupReport> {
  if (existsSync(out)) throw new BackupError(`${out} exists; give the backup a new file name`);
  if (!existsSync(dirname(out))) throw new BackupError(`the folder ${dirname(out)} does not exist`);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    const snapshot = await dumpPostgres(url, partial);
    const found = await verifiedArchive(partial);
    const differ = [...snapshot].filter(([table, n]) => found.counts.get(table) !== n);
    if (differ.length > 0)
      throw new BackupError(
        `the archive does not hold the snapshot's rows: ${differ.map(([t, n]) => `${t} ${found.counts.get(t) ?? 'missing'} of ${n}`).join(', ')}`,
      );
    renameSync(partial, out);
    return {
      file: out,
      bytes: statSync(out).size,
      responses: found.counts.get('responses') ?? 0,
      migrations: found.migrations.length,
    };
  } finally {
    rmSync(partial, { force: true });
  }
}

export const restorePostgresBackup = (
  url: string,
  from: string,
  opts: { force: boolean; now: Date },
): Promise<RestoreReport> => translated(() => restore(url, from, opts));

async function restore(url: string, from: string, opts: { force: boolean; now: Date }): Promise<RestoreReport> {
  if (!existsSync(from)) throw new BackupError(`no backup file at ${from}`);
  const found = await verifiedArchive(from);
  const restored = await restorePostgres(url, from, found, opts);
  return {
    file: redactUrl(url),
    bytes: statSync(from).size,
    responses: restored.counts.get('responses') ?? 0,
    migrations: found.migrations.length,
    previous: restored.keptSchema ? `schema ${restored.keptSchema}` : null,
    pending: found.known.filter((m) => !found.migrations.includes(m)),
  };
}
