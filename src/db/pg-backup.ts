// Backups of a PostgreSQL database with PostgreSQL's own tools. pg_dump writes its custom format (-Fc) from a
// snapshot exported by a transaction that first counts every table's rows, so the archive must hold exactly those
// rows; reading an archive back decompresses every table's data and counts it. A restore goes into a new public
// schema (the one it replaces is kept under another name) and is checked against the archive's counts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { redactUrl } from './engine.js';

/** pg_dump or pg_restore is missing, or too old for the server or the archive. */
export class PgToolError extends Error {
  override readonly name = 'PgToolError';
}

/** A dump, an archive or a restore that failed; the message carries what the tool said. */
export class PgBackupError extends Error {
  override readonly name = 'PgBackupError';
}

const installHint =
  "install PostgreSQL's client tools of the server's major version or newer (Debian: apt-get install postgresql-client)";

/** The URL without its password, which goes to the tools in PGPASSWORD instead of their command line (ps shows it). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const match = /^(postgres(?:ql)?:\/\/[^:@/]*):([^@/]*)@/.exec(url);
  if (!match) return { dbname: url, env: process.env };
  return {
    dbname: url.replace(match[0], `${match[1]}@`),
    env: { ...process.env, PGPASSWORD: decodeURIComponent(match[2] ?? '') },
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new PgToolError(`${tool} was not found: ${installHint}`) : err),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The major version of pg_dump or pg_restore on the PATH, e.g. 15. */
export async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  const r = await run(tool, ['--version']);
  const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(r.stdout)?.[1]);
  if (r.code !== 0 || !Number.isInteger(major))
    throw new PgToolError(`${tool} --version did not answer: ${installHint}`);
  return major;
}

/** Row counts per table of the public schema, as one transaction sees them. */
async function countRows(client: pg.Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts = new Map<string, number>();
  for (const { name } of rows) {
    const r = await client.query<{ n: string }>(`select count(*) as n from public."${name.replace(/"/g, '""')}"`);
    counts.set(name, Number(r.rows[0]?.n ?? 0));
  }
  return counts;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new PgBackupError(`cannot connect to ${redactUrl(url)}: ${(err as Error).message}`);
  }
  return client;
}

const serverMajor = async (client: pg.Client): Promise<number> =>
  Math.floor(
    Number((await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]?.v) / 10000,
  );

/** Schemas a restore kept; never part of a backup. */
export const keptSchemaPattern = 'pre_restore_*';

/**
 * Writes the database's custom-format archive to `file` and returns the row counts of the snapshot it was taken
 * from. Example: `await dumpPostgres('postgres://langnghe@db/langnghe', '/backups/ln.dump')`.
 */
export async function dumpPostgres(url: string, file: string): Promise<Map<string, number>> {
  const client = await connect(url);
  try {
    const [server, tool] = [await serverMajor(client), await toolMajor('pg_dump')];
    if (tool < server)
      throw new PgToolError(`pg_dump ${tool} cannot dump a PostgreSQL ${server} server: ${installHint}`);
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    const counts = await countRows(client);
    const { dbname, env } = connection(url);
    const args = ['-Fc', '--snapshot', snapshot, '--exclude-schema', keptSchemaPattern, '-f', file, '-d', dbname];
    const r = await run('pg_dump', args, env);
    if (r.code !== 0) throw new PgBackupError(`pg_dump failed: ${r.stderr.trim()}`);
    return counts;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ArchiveContents {
  /** Rows per table of the public schema. */
  counts: Map<string, number>;
  /** The migrations recorded in the archive; null when it has no migrations table. */
  migrations: string[] | null;
}

/** Reads every table's data out of an archive (so a damaged one fails here) and counts its rows. */
export async function readArchive(file: string): Promise<ArchiveContents> {
  await toolMajor('pg_restore');
  const child = spawn('pg_restore', ['--data-only', '-f', '-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const counts = new Map<string, number>();
  let migrations: string[] | null = null;
  let table: string | null = null;
  let nameColumn = -1;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (table === null) {
      const copy = /^COPY public\.("?)([^"\s(]+)\1 \(([^)]*)\) FROM stdin;$/.exec(line);
      if (!copy?.[2]) continue;
      table = copy[2];
      counts.set(table, 0);
      nameColumn = table === 'kysely_migration' ? (copy[3] ?? '').split(', ').indexOf('name') : -1;
      if (table === 'kysely_migration') migrations = [];
    } else if (line === '\\.') {
      table = null;
    } else {
      counts.set(table, (counts.get(table) ?? 0) + 1);
      if (nameColumn >= 0) migrations?.push(line.split('\t')[nameColumn] ?? '');
    }
  }
  const code = await closed;
  if (code !== 0) {
    // Archive formats are 1.x; another "version" is a file that only starts like an archive.
    const version = /unsupported version \((1\.\d+)\) in file header/.exec(stderr);
    if (version)
      throw new PgToolError(
        `pg_restore is older than the pg_dump that wrote ${file} (archive ${version[1]}): ${installHint}`,
      );
    throw new PgBackupError(`not a readable pg_dump archive: ${stderr.trim()}`);
  }
  return { counts, migrations: migrations?.sort() ?? null };
}

export interface PgRestoreResult {
  /** The schema that holds the replaced data, or null when the database had no tables. */
  keptSchema: string | null;
  /** Row counts of the restored database, equal to the archive's. */
  counts: Map<string, number>;
}

/**
 * Restores an archive into the database's public schema. Refused while other sessions use the database (app
 * servers) unless `force`. The current public schema, if it has tables, is kept as pre_restore_<time>; on any
 * failure (pg_restore, or restored counts that differ from the archive's) it is put back.
 */
export async function restorePostgres(
  url: string,
  file: string,
  expected: ArchiveContents,
  opts: { force: boolean; now: Date },
): Promise<PgRestoreResult> {
  await toolMajor('pg_restore');
  const client = await connect(url);
  try {
    const others = Number(
      (
        await client.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows[0]?.n,
    );
    if (others > 0 && !opts.force)
      throw new PgBackupError(
        `${redactUrl(url)} has ${others} other session(s) (app servers?): stop them first, or pass --force`,
      );
    const tables = Number(
      (
        await client.query<{ n: string }>(
          `select count(*) as n from information_schema.tables where table_schema = 'public'`,
        )
      ).rows[0]?.n,
    );
    // To the millisecond: two restores never pick the same name.
    const keptSchema = tables > 0 ? `pre_restore_${opts.now.toISOString().replace(/\D/g, '').slice(0, 17)}` : null;
    if (keptSchema) {
      try {
        await client.query(`begin; alter schema public rename to ${keptSchema}; create schema public; commit`);
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw new PgBackupError(`cannot set the current data aside as schema ${keptSchema}: ${(err as Error).message}`);
      }
    }
    const putBack = async (): Promise<void> => {
      if (!keptSchema) return;
      await client.query(`begin; drop schema public cascade; alter schema ${keptSchema} rename to public; commit`);
    };
    try {
      const { dbname, env } = connection(url);
      const r = await run(
        'pg_restore',
        ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '-d', dbname, file],
        env,
      );
      if (r.code !== 0) throw new PgBackupError(`pg_restore failed: ${r.stderr.trim()}`);
      const counts = await countRows(client);
      const differ = [...expected.counts].filter(([t, n]) => counts.get(t) !== n);
      if (differ.length > 0)
        throw new PgBackupError(
          `restored row counts differ from the archive's: ${differ.map(([t, n]) => `${t} ${counts.get(t) ?? 'missing'} (archive ${n})`).join(', ')}`,
        );
      return { keptSchema, counts };
    } catch (err) {
      await putBack();
      throw err;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
