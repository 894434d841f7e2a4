// `langnghe backup` taken from another process while this one keeps storing interviews, then `langnghe
// restore` into a new place: the copy passes the integrity check, has every migration, and every interview in
// it is whole (answers parse, paradata present). Refusals leave the target untouched.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDatabase } from '../../src/db/backup.js';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { prepareEnvelope, storeResponse } from '../../src/services/submissions/store.js';
import { onPostgres } from '../helpers/postgres.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { demoInterview } from './fixture.js';

let env: TestEnv;
const dbPath = () => join(env.dir, 'test.db');
const cliEnv = (databasePath: string) => ({
  ...process.env,
  DATABASE_PATH: databasePath,
  SURVEYS_DIR: 'surveys',
  LOG_LEVEL: 'warn',
});
const cli = (args: string[], databasePath: string) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], {
    env: cliEnv(databasePath),
    encoding: 'utf8',
    timeout: 30_000,
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

const count = async (): Promise<number> =>
  Number(
    (
      await env.ctx.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await createTestEnv();
  for (let i = 0; i < 200; i += 1) await storeOne();
});
afterAll(async () => env.close());

describe.skipIf(onPostgres)('SQLite backup under load, then restore (SQLite only)', () => {
  it('gives a consistent, complete copy that restores into a working database', async () => {
    const out = join(env.dir, 'backup.db');
    const before = await count();
    const child = spawn(process.execPath, ['bin/langnghe.js', 'backup', '--out', out], { env: cliEnv(dbPath()) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    let writesDuring = 0;
    while (!done) {
      await storeOne();
      writesDuring += 1;
      // Let the event loop see the child's output and exit (the driver is synchronous).
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(writesDuring).toBeGreaterThan(20);
    const after = await count();
    const copied = Number(/, (\d+) responses,/.exec(stdout)?.[1]);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);

    const target = join(env.dir, 'restored', 'langnghe.db');
    const restore = cli(['restore', '--from', out], target);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain(`restored ${out} into ${target}: ${copied} responses, integrity ok`);

    const inspection = await inspectDatabase(target);
    expect(inspection.integrity).toEqual(['ok']);
    expect(inspection.migrations).toEqual(inspection.known);
    const db = openDatabase(target);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const rows = await db.selectFrom('responses').select(['seq', 'answers_json', 'changed_answers']).execute();
      expect(rows).toHaveLength(copied);
      for (const r of rows) {
        expect(JSON.parse(r.answers_json)).toMatchObject({ gender: 1, birth_year: 1975 });
        expect(r.changed_answers).toBe(2);
      }
      const screens = await db.selectFrom('response_screen_times').select('response_seq').execute();
      expect(new Set(screens.map((s) => s.response_seq))).toEqual(new Set(rows.map((r) => r.seq)));
    } finally {
      await db.destroy();
    }
  });

  it('refuses to overwrite a file, to restore a file that is not a database, and to restore under an open database', async () => {
    const out = join(env.dir, 'second.db');
    expect(cli(['backup', '--out', out], dbPath()).status).toBe(0);
    const again = cli(['backup', '--out', out], dbPath());
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists');

    const target = join(env.dir, 'other', 'langnghe.db');
    expect(cli(['restore', '--from', out], target).status).toBe(0);
    const original = readFileSync(target);
    const junk = join(env.dir, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\u0000 but not really a database'.repeat(200));
    const refused = cli(['restore', '--from', junk], target);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/langnghe restore: /);
    expect(readFileSync(target).equals(original)).toBe(true);

    const open = cli(['restore', '--from', out], dbPath());
    expect(open.status).toBe(2);
    expect(open.stderr).toContain('looks open');
    expect(await count()).toBeGreaterThan(200);
  });

  it('keeps the replaced database, and with --force discards a stale WAL instead of replaying it', async () => {
    const out = join(env.dir, 'third.db');
    expect(cli(['backup', '--out', out], dbPath()).status).toBe(0);
    const target = join(env.dir, 'crashed', 'langnghe.db');
    expect(cli(['restore', '--from', out], target).status).toBe(0);
    writeFileSync(`${target}-wal`, 'stale');
    expect(cli(['restore', '--from', out], target).status).toBe(2);
    const forced = cli(['restore', '--from', out, '--force'], target);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    const kept = /kept as (\S+)/.exec(forced.stdout)?.[1] ?? '';
    expect(existsSync(kept)).toBe(true);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect((await inspectDatabase(target)).integrity).toEqual(['ok']);
  });
});
