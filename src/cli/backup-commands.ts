// `langnghe backup --out FILE` (safe while the server runs) and `langnghe restore --from FILE [--force]` (with
// the server stopped). Both check the copy (integrity, migrations) and print what they did; a refusal exits 2.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { BackupError, backupDatabase, restoreDatabase } from '../services/maintenance/database-backup.js';
import { processIo, type Io } from './io.js';

async function refusing(io: Io, command: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    io.stderr(`langnghe ${command}: ${err.message}\n`);
    return 2;
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
    const r = await backupDatabase(loadConfig().databasePath, out);
    io.stdout(
      `backup written to ${r.file}: ${r.bytes} bytes, ${r.responses} responses, ${r.migrations} migrations, integrity ok\n`,
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
    const r = await restoreDatabase(loadConfig().databasePath, from, { force: values.force, now: new Date() });
    io.stdout(`restored ${from} into ${r.file}: ${r.responses} responses, integrity ok\n`);
    if (r.previous) io.stdout(`the replaced database is kept as ${r.previous}\n`);
    if (r.pending.length > 0) io.stdout(`${r.pending.length} newer migration(s) will run at the next start\n`);
    return 0;
  });
}
