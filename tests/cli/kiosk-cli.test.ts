import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-kiosk-'));
const database = await newDatabaseEnv(dir);
const env = { ...process.env, ...database.env, SURVEYS_DIR: 'surveys', LOG_LEVEL: 'warn' };
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, encoding: 'utf8', timeout: 30_000 });
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('langnghe kiosk add', () => {
  it('prints a pairing code, or a device token with --token', () => {
    const code = cli(['kiosk', 'add', '--counter', 'MC-1', '--agency', 'UBND phường An Bình', '--field', 'Đất đai']);
    expect(code.status).toBe(0);
    expect(code.stdout).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}\n$/);
    expect(code.stderr).toContain('/kiosk');
    const token = cli([
      'kiosk',
      'add',
      '--counter',
      'MC-1',
      '--agency',
      'UBND phường An Bình',
      '--field',
      'Đất đai',
      '--token',
    ]);
    expect(token.stdout).toMatch(/^kd_[A-Za-z0-9_-]{40,}\n$/);
  });

  it('refuses missing flags and a non-kiosk questionnaire with exit 2', () => {
    expect(cli(['kiosk', 'add', '--counter', 'X']).status).toBe(2);
    const wrong = cli(['kiosk', 'add', '--counter', 'MC-2', '--agency', 'A', '--field', 'F', '--survey', 'papi-2024']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('not a kiosk questionnaire');
  });
});
