// Runs the built command line (dist/, made by `npm run build`, which `npm test` does first) as a user would.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newDatabaseEnv, type DatabaseEnv } from '../helpers/database-env.js';
import { startServer } from '../helpers/cli-server.js';

const dirs: string[] = [];
const databases: DatabaseEnv[] = [];
afterEach(async () => {
  for (const d of databases.splice(0)) await d.drop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function workDir(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-cli-'));
  dirs.push(dir);
  const database = await newDatabaseEnv(dir);
  databases.push(database);
  cpSync('surveys', join(dir, 'surveys'), { recursive: true });
  return {
    dir,
    env: {
      ...process.env,
      ...database.env,
      SURVEYS_DIR: join(dir, 'surveys'),
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'info',
    },
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  return spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, input, encoding: 'utf8', timeout: 30_000 });
}

function breakSurveys(dir: string): void {
  writeFileSync(
    join(dir, 'surveys', 'broken.json'),
    JSON.stringify({
      code: 'broken',
      version: '1',
      kind: 'kiosk',
      title: { vi: 'x' },
      languages: ['vi'],
      sections: [
        { id: 's', title: { vi: 's' }, questions: [{ id: 'q', type: 'scale', scale: 'NOPE', label: { vi: 'q' } }] },
      ],
    }),
  );
}

describe('langnghe CLI', () => {
  it('prints help', () => {
    const res = cli(['--help'], process.env);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('user add --username U --role R');
  });

  it('rejects an unknown command with exit code 2', () => {
    const res = cli(['frobnicate'], process.env);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown command "frobnicate"');
  });

  it('adds a user with the password from stdin and lists it', async () => {
    const { env } = await workDir();
    const add = cli(
      [
        'user',
        'add',
        '--username',
        'Lan.Nguyen',
        '--role',
        'analyst',
        '--display-name',
        'Nguyễn Thị Lan',
        '--password-stdin',
      ],
      env,
      'mat-khau-dai-du\n',
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe('created lan.nguyen (analyst)\n');
    const list = cli(['user', 'list'], env);
    expect(list.stdout).toMatch(/lan\.nguyen\s+analyst\s+\S+\s+-\s+Nguyễn Thị Lan/); // never signed in
    const again = cli(
      ['user', 'add', '--username', 'lan.nguyen', '--role', 'analyst', '--password-stdin'],
      env,
      'mat-khau-dai-du',
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already taken');
  });

  it('refuses a bad role or short password with the field named', async () => {
    const { env } = await workDir();
    const role = cli(
      ['user', 'add', '--username', 'binh', '--role', 'root', '--password-stdin'],
      env,
      'mat-khau-dai-du',
    );
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('role:');
    const short = cli(['user', 'add', '--username', 'binh', '--role', 'surveyor', '--password-stdin'], env, 'short');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password: at least 10 characters');
  });

  it('survey check lists good files and fails on a broken one with file and path', async () => {
    const { dir, env } = await workDir();
    expect(cli(['survey', 'check'], env).stdout).toMatch(/^ok {2}demo-service@1/m);
    breakSurveys(dir);
    const res = cli(['survey', 'check'], env);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/broken\.json[\s\S]*\$\.sections\[0\]\.questions\[0\]\.scale: unknown scale "NOPE"/);
  });

  it('serve refuses to start on a broken definition, naming file and path', async () => {
    const { dir, env } = await workDir();
    breakSurveys(dir);
    const res = cli(['serve'], { ...env, PORT: '0' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('cannot start');
    expect(res.stderr).toMatch(/broken\.json[\s\S]*unknown scale "NOPE"/);
  });

  it('serve migrates, prints generated demo passwords once, and answers /healthz', async () => {
    const { env } = await workDir();
    const first = await startServer(env);
    try {
      expect(first.output).toMatch(/demo-admin\s+admin\s+[A-Za-z0-9]{15}/);
      const health = await fetch(`${first.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      first.stop();
    }
    await first.exited;
    const second = await startServer(env);
    second.stop();
    await second.exited;
    expect(second.output).not.toContain('demo-admin');
    const passwords = [...first.output.matchAll(/demo-\w+\s+\w+\s+([A-Za-z0-9]{15})/g)].map((m) => m[1]);
    expect(new Set(passwords).size).toBe(4);
  });
});
