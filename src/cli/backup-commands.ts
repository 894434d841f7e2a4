// `langnghe backup --out FILE` (safe while the server runs) and `langnghe restore --from FILE [--force]` (with
// the server stopped), of the SQLite file or, with DATABASE_URL, of the PostgreSQL database (pg_dump -Fc). Both
// check the copy (integrity, migrations, rows) and print what they did; a refusal exits 2, a missing or too old
// pg_dump/pg_restore exits 3.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import {
  BackupError,
  BackupToolError,
  backupDatabase,
  restoreDatabase,
} from '../services/maintenance/database-backup.js';
import { backupPostgres, restorePostgresBackup } from '../services/maintenance/postgres-backup.js';
import { processIo, type Io } from './io.js';

async function refusing(io: Io, command: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    io.stderr(`langnghe ${command}: ${err.message}\n`);
    return err instanceof BackupToolError ? 3 : 2;
  }
}

export async function backupCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { out: { type: 'string' } } });
  if (!values.out) {
    io.stderr('usage: langnghe backup --out FILE\n');
    return 2;
  }
  const out = values.out;
  return refusing(io, 'backup', async () => {
    const config = loadConfig();
    const r = config.databaseUrl
      ? await backupPostgres(config.databaseUrl, out)
      : await backupDatabase(config.databasePath, out);
    const checked = config.databaseUrl ? 'every row read back' : 'integrity ok';
    io.stdout(
      `backup written to ${r.file}: ${r.bytes} bytes, ${r.responses} responses, ${r.migrations} migrations, ${checked}\n`,
    );
    return 0;
  });
}

export async function restoreCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (!values.from) {
    io.stderr('usage: langnghe restore --from FILE [--force]\n');
    return 2;
  }
  const from = values.from;
  return refusing(io, 'restore', async () => {
    const config = loadConfig();
    const opts = { force: values.force, now: new Date() };
    const r = config.databaseUrl
      ? await restorePostgresBackup(config.databaseUrl, from, opts)
      : await restoreDatabase(config.databasePath, from, opts);
    const checked = config.databaseUrl ? 'row counts match the backup' : 'integrity ok';
    io.stdout(`restored ${from} into ${r.file}: ${r.responses} responses, ${checked}\n`);
    if (r.previous) io.stdout(`the replaced database is kept as ${r.previous}\n`);
    if (r.pending.length > 0) io.stdout(`${r.pending.length} newer migration(s) will run at the next start\n`);
    return 0;
  });
}
