// `langnghe serve --workers N`: on PostgreSQL two worker processes answer on one port, the background jobs run in
// exactly one of them, another takes them over when that one is killed, and SIGTERM stops them all. On SQLite more
// than one process is refused (one writer), and the one process runs the jobs itself. Needs `npm run build`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** This process's environment with `env` over it, on SQLite unless `env` names a DATABASE_URL. */
function sqliteUnless(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...env };
  if (!env['DATABASE_URL']) delete merged['DATABASE_URL'];
  return merged;
}

interface LogLine {
  pid: number;
  msg: string;
  [field: string]: unknown;
}

/** A running `serve` with every JSON log line it wrote so far, from any of its processes. */
function serve(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; lines: LogLine[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/langnghe.js', 'serve', ...args], {
    env: sqliteUnless({ SURVEYS_DIR: 'surveys', DEMO: '0', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env }),
  });
  const lines: LogLine[] = [];
  const collect = (stream: NodeJS.ReadableStream): void => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part) as LogLine);
    });
  };
  if (child.stdout) collect(child.stdout);
  if (child.stderr) collect(child.stderr);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, lines, exited };
}

async function until<T>(what: string, find: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** GET on a new connection each time (no keep-alive), so that the cluster hands each to a worker in turn. */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const pidsOf = (lines: LogLine[], msg: string): number[] => lines.filter((l) => l.msg === msg).map((l) => l.pid);
/** The primary logs each worker it forks. */
const forked = (lines: LogLine[]): number[] =>
  lines.filter((l) => l.msg === 'worker started').map((l) => Number(l['worker']));

describe.skipIf(!onPostgres)('serve --workers 2 (PostgreSQL only: runs with TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  afterAll(async () => database?.drop());

  it('serves from both workers on one port, runs the jobs in one, hands them over when it dies, stops on SIGTERM', async () => {
    database = await createTestDatabase({ migrated: true });
    const { child, lines, exited } = serve(['--workers', '2'], { DATABASE_URL: database.url });
    try {
      const listening = await until('two workers listening', () => {
        const l = lines.filter((x) => x.msg === 'listening');
        return l.length === 2 && l;
      });
      const workers = forked(lines);
      expect(workers).toHaveLength(2);
      expect(listening.map((l) => l.pid).sort()).toEqual([...workers].sort());
      const url = String(listening[0]?.['url']);
      expect(listening[1]?.['url']).toBe(url);

      for (let i = 0; i < 8; i += 1) expect(await get(`${url}/healthz`)).toBe(200);
      const served = await until('eight request lines', () => {
        const l = lines.filter((x) => x.msg === 'request' && x['path'] === '/healthz');
        return l.length === 8 && l;
      });
      expect(new Set(served.map((l) => l.pid))).toEqual(new Set(workers));

      // The session pruning ran at once, in the one process that took the lock; the other keeps trying (2 s).
      const leader = await until('a leader', () => pidsOf(lines, 'background jobs run in this process')[0]);
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(pidsOf(lines, 'background jobs run in this process')).toEqual([leader]);
      expect(new Set(pidsOf(lines, 'background job ran'))).toEqual(new Set([leader]));
      expect(workers).toContain(leader);

      process.kill(leader, 'SIGKILL');
      const replacement = await until('a new worker', () => forked(lines)[2]);
      const successor = await until('another leader', () => pidsOf(lines, 'background jobs run in this process')[1]);
      expect(successor).not.toBe(leader);
      expect([...workers, replacement]).toContain(successor);
      await until('the successor to run the job', () =>
        lines.some((l) => l.msg === 'background job ran' && l.pid === successor),
      );
      await until('the replacement listening', () => pidsOf(lines, 'listening').includes(replacement));
      for (let i = 0; i < 4; i += 1) expect(await get(`${url}/healthz`)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(pidsOf(lines, 'background jobs run in this process')).toEqual([leader, successor]);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const live = [...workers.filter((p) => p !== leader), replacement];
      expect(new Set(pidsOf(lines, 'shutting down'))).toEqual(new Set(live));
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('serve on SQLite', () => {
  it('refuses --workers 2 (SQLite has one writer) with exit 2 and says what to do', () => {
    const res = spawnSync(process.execPath, ['bin/langnghe.js', 'serve', '--workers', '2'], {
      env: sqliteUnless({ DATABASE_PATH: join(dir, 'refused.db'), SURVEYS_DIR: 'surveys' }),
      encoding: 'utf8',
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--workers 2 needs PostgreSQL (DATABASE_URL)');
    expect(res.stderr).toContain('only one process may write the database');
  });

  it('refuses a --workers that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', 'two', '1.5', '65']) {
      const res = spawnSync(process.execPath, ['bin/langnghe.js', 'serve', '--workers', bad], {
        env: sqliteUnless({ DATABASE_PATH: join(dir, 'bad.db'), SURVEYS_DIR: 'surveys' }),
        encoding: 'utf8',
      });
      expect(res.status).toBe(2);
      expect(res.stderr).toContain('--workers must be a whole number from 1 to 64');
    }
  });

  it('runs the background jobs in its one process (SQLite only)', async () => {
    const { child, lines, exited } = serve([], { DATABASE_PATH: join(dir, 'one.db') });
    try {
      await until('listening', () => pidsOf(lines, 'listening')[0]);
      const ran = await until('the pruning job', () => lines.find((l) => l.msg === 'background job ran'));
      expect(ran.pid).toBe(child.pid);
      expect(ran['job']).toBe('session-pruning');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
