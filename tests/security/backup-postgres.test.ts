// `langnghe backup` and `restore` on PostgreSQL (pg_dump's custom format): a backup taken from another process
// while this one keeps storing interviews holds one consistent snapshot; restored into a fresh database, every
// table has the same rows as the source; a restore over a database keeps the replaced data in a schema; refusals
// (sessions still open, not an archive) change nothing; a missing or too old pg_dump exits 3 saying so.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEnvelope, storeResponse } from '../../src/services/submissions/store.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/postgres.js';
import { demoInterview } from './fixture.js';

let env: TestEnv;
const sourceUrl = (): string => env.ctx.config.databaseUrl ?? '';
const cliEnv = (databaseUrl: string, extra: NodeJS.ProcessEnv = {}) => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  SURVEYS_DIR: 'surveys',
  LOG_LEVEL: 'warn',
  ...extra,
});
const cli = (args: string[], databaseUrl: string, extra: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], {
    env: cliEnv(databaseUrl, extra),
    encoding: 'utf8',
    timeout: 60_000,
  });

async function storeOne(): Promise<void> {
  const envelope = demoInterview({
    id: randomUUID(),
    paradata: {
      changedAnswers: 2,
      device: { platform: 'Android' },
      screens: [{ screen: 's1', seconds: 12, visits: 1 }],
    },
  });
  await storeResponse(env.ctx, {
    submission: await prepareEnvelope(env.ctx, envelope, { lang: 'vi' }),
    submitter: { userId: null, label: 'load' },
    source: 'import',
    owns: () => false,
    place: async () => ({ columns: {} }),
  });
}

/** Every row of every table in the public schema (or another schema), as text, sorted: what "the same data" means. */
async function contents(url: string, schema = 'public'): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
      [schema],
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables.rows) {
      const rows = await client.query<{ r: string }>(`select t::text as r from "${schema}"."${name}" t order by 1`);
      out[name] = rows.rows.map((row) => row.r);
    }
    return out;
  } finally {
    await client.end();
  }
}

const fresh: TestDatabase[] = [];
async function freshDatabase(): Promise<string> {
  const db = await createTestDatabase({ migrated: false });
  fresh.push(db);
  return db.url;
}

beforeAll(async () => {
  if (!onPostgres) return;
  env = await createTestEnv();
  await makeUser(env.ctx, 'analyst');
  for (let i = 0; i < 100; i += 1) await storeOne();
});
afterAll(async () => {
  for (const db of fresh) await db.drop();
  await env?.close();
});

describe.skipIf(!onPostgres)('PostgreSQL backup with pg_dump, restored into a fresh database (PostgreSQL only)', () => {
  it('takes one consistent snapshot under load, and restores it with every row of every table', async () => {
    const out = join(env.dir, 'under-load.dump');
    const before = (await contents(sourceUrl())).responses?.length ?? 0;
    const child = spawn(process.execPath, ['bin/langnghe.js', 'backup', '--out', out], { env: cliEnv(sourceUrl()) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let done = false;
    void exited.then(() => (done = true));
    let writesDuring = 0;
    while (!done) {
      await storeOne();
      writesDuring += 1;
    }
    expect(stderr).toBe('');
    expect(await exited).toBe(0);
    expect(writesDuring).toBeGreaterThan(0);
    const copied = Number(/, (\d+) responses, \d+ migrations, every row read back/.exec(stdout)?.[1]);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(before + writesDuring);

    const target = await freshDatabase();
    const restore = cli(['restore', '--from', out], target);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain(`${copied} responses, row counts match the backup`);
    const restored = await contents(target);
    expect(restored.responses).toHaveLength(copied);
    // One snapshot: every stored interview's screen times came with it, none without its interview.
    const seqs = new Set(restored.responses?.map((r) => r.split(',')[0]?.replace('(', '')));
    const screenSeqs = new Set(restored.response_screen_times?.map((r) => r.split(',')[0]?.replace('(', '')));
    expect(screenSeqs).toEqual(seqs);
  });

  it('gives a fresh database exactly the rows of the source, and the migrations at the latest', async () => {
    const out = join(env.dir, 'quiet.dump');
    const backup = cli(['backup', '--out', out], sourceUrl());
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    const source = await contents(sourceUrl());
    const target = await freshDatabase();
    expect(cli(['restore', '--from', out], target).status).toBe(0);
    const restored = await contents(target);
    expect(Object.keys(restored)).toEqual(Object.keys(source));
    for (const table of Object.keys(source)) expect([table, restored[table]]).toEqual([table, source[table]]);
    expect(source.kysely_migration?.length).toBeGreaterThan(20);
    // Nothing left to migrate, and the restored database serves: the app's migrations find it at the latest.
    const migrate = cli(['migrate'], target);
    expect(migrate.status).toBe(0);
    expect((await contents(target)).kysely_migration).toEqual(source.kysely_migration);

    // Restoring over a database that has tables keeps them in a schema, untouched.
    const again = cli(['restore', '--from', out], target);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const kept = /kept as schema (pre_restore_\d+)/.exec(again.stdout)?.[1] ?? '';
    expect(kept).not.toBe('');
    expect(await contents(target, kept)).toEqual(restored);
    expect(await contents(target)).toEqual(restored);
  });

  it('refuses a database other sessions use, and a file that is not an archive, changing nothing', async () => {
    const out = join(env.dir, 'refusals.dump');
    expect(cli(['backup', '--out', out], sourceUrl()).status).toBe(0);
    const again = cli(['backup', '--out', out], sourceUrl());
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists');

    const before = await contents(sourceUrl());
    // An app server's connection (the test's own pool may have closed its idle ones by now).
    const server = new pg.Client({ connectionString: sourceUrl() });
    await server.connect();
    try {
      const busy = cli(['restore', '--from', out], sourceUrl());
      expect(busy.status).toBe(2);
      expect(busy.stderr).toMatch(/langnghe restore: .*other session\(s\).*stop them first/);
    } finally {
      await server.end();
    }
    const junk = join(env.dir, 'junk.dump');
    writeFileSync(junk, 'PGDMP but not really an archive'.repeat(100));
    const target = await freshDatabase();
    const refused = cli(['restore', '--from', junk], target);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('langnghe restore: not a readable pg_dump archive');
    const truncated = join(env.dir, 'truncated.dump');
    const whole = readFileSync(out);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const cut = cli(['restore', '--from', truncated], target);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain('langnghe restore: not a readable pg_dump archive');
    expect(await contents(target)).toEqual({});
    expect(await contents(sourceUrl())).toEqual(before);
  });

  it('exits 3 with what to install when pg_dump is missing or older than the server', () => {
    const empty = join(env.dir, 'no-tools');
    mkdirSync(empty, { recursive: true });
    const missing = cli(['backup', '--out', join(env.dir, 'missing.dump')], sourceUrl(), { PATH: empty });
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain("langnghe backup: pg_dump was not found: install PostgreSQL's client tools");

    const old = join(env.dir, 'old-tools');
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 11.22"\n');
    chmodSync(join(old, 'pg_dump'), 0o755);
    const tooOld = cli(['backup', '--out', join(env.dir, 'old.dump')], sourceUrl(), { PATH: old });
    expect(tooOld.status).toBe(3);
    expect(tooOld.stderr).toMatch(/langnghe backup: pg_dump 11 cannot dump a PostgreSQL 1\d server/);
    expect(existsSync(join(env.dir, 'old.dump'))).toBe(false);
  });
});
