// `langnghe frame crosswalk` as a script would run it, against the built dist/: bad rows exit 2 with their lines and
// store nothing; a good map prints its links and the splits; running it again replaces the crosswalk.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv, type DatabaseEnv } from '../helpers/database-env.js';
import { demoFrameCsv } from '../../src/services/demo/province.js';
import { todayFrameAndMap } from '../fixtures/crosswalk.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let database: DatabaseEnv;
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, encoding: 'utf8', timeout: 30_000 });
const today = todayFrameAndMap('D01C01');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'langnghe-crosswalk-'));
  database = await newDatabaseEnv(dir);
  env = {
    ...process.env,
    ...database.env,
    SURVEYS_DIR: 'surveys',
    SCRYPT_COST: '1024',
    LOG_LEVEL: 'warn',
  };
  writeFileSync(join(dir, 'old.csv'), demoFrameCsv());
  writeFileSync(join(dir, 'today.csv'), today.frameCsv);
  writeFileSync(join(dir, 'map.csv'), today.mapCsv);
  writeFileSync(join(dir, 'bad.csv'), 'old_code,new_code\nD01C02,ND01C02\nZZZ,ND01C02\nD01C02,ND01C02\nD01,ND01C02\n');
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('langnghe frame crosswalk', () => {
  it('refuses bad rows with their lines, stores nothing, then stores a map and replaces it', () => {
    const old = cli(['frame', 'import', '--file', join(dir, 'old.csv')]);
    const now = cli(['frame', 'import', '--file', join(dir, 'today.csv')]);
    expect([old.status, now.status]).toEqual([0, 0]);
    const from = String(JSON.parse(old.stdout).frameId);
    const to = String(JSON.parse(now.stdout).frameId);

    const bad = cli(['frame', 'crosswalk', '--from', from, '--to', to, '--file', join(dir, 'bad.csv')]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('The area crosswalk has errors; nothing was stored.');
    expect(bad.stderr).toContain('line 3: old_code: Old code "ZZZ" is not in the old frame');
    expect(bad.stderr).toContain('line 4: old_code: "D01C02" is already linked to "ND01C02" on line 2');
    expect(bad.stderr).toContain('line 5: old_code: "D01" is a district; the new frame has no such level');

    const good = cli(['frame', 'crosswalk', '--from', from, '--to', to, '--file', join(dir, 'map.csv')]);
    expect(good.status).toBe(0);
    const links = today.mapCsv.trim().split('\n').length - 1;
    expect(JSON.parse(good.stdout)).toEqual({
      crosswalkId: 1,
      links,
      breaks: [{ oldCode: 'D01C01', newCodes: today.splitInto }],
    });
    const again = cli(['frame', 'crosswalk', '--from', from, '--to', to, '--file', join(dir, 'map.csv')]);
    expect(JSON.parse(again.stdout)).toMatchObject({ crosswalkId: 2, links });
  });

  it('prints its usage without the frames', () => {
    const res = cli(['frame', 'crosswalk', '--file', join(dir, 'map.csv')]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('langnghe frame crosswalk --from FRAME_ID --to FRAME_ID --file map.csv');
  });
});
