// `langnghe serve` started while its PostgreSQL database cannot be reached: a clear message that names the
// database (without its password) and exit code 1, never a stack trace. Needs no PostgreSQL: the socket it names
// does not exist. The database lost while running is tests/http/database-lost.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-down-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('langnghe serve without its database', () => {
  it('says the database cannot be reached and exits with 1', () => {
    const res = spawnSync(process.execPath, ['bin/langnghe.js', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: `postgres://langnghe:s3cret@/langnghe?host=${join(dir, 'no-server-here')}`,
        SURVEYS_DIR: 'surveys',
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('The database cannot be reached (is PostgreSQL running, and DATABASE_URL right?)');
    expect(res.stderr).toContain('postgres://langnghe:***@/langnghe');
    expect(res.stderr).not.toContain('s3cret');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
