// The sampling commands as a script would run them, against the built dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv, type DatabaseEnv } from '../helpers/database-env.js';
import { papiDefaultPlan } from '../../src/domain/sampling/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { twoTierLines } from '../unit/sampling/support.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let database: DatabaseEnv;
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, input, encoding: 'utf8', timeout: 30_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'langnghe-sampling-'));
  database = await newDatabaseEnv(dir);
  env = {
    ...process.env,
    ...database.env,
    SURVEYS_DIR: 'surveys',
    SCRYPT_COST: '1024',
    LOG_LEVEL: 'warn',
  };
  writeFileSync(join(dir, 'frame.csv'), demoFrameCsv());
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('langnghe sample draw', () => {
  it('prints every selected unit with pi and piCumulative; same seed gives byte-identical output, stored or not', () => {
    const dry = cli([
      'sample',
      'draw',
      '--frame',
      join(dir, 'frame.csv'),
      '--seed',
      '42',
      '--dry-run',
      '--format',
      'json',
    ]);
    const again = cli([
      'sample',
      'draw',
      '--frame',
      join(dir, 'frame.csv'),
      '--seed',
      '42',
      '--dry-run',
      '--format',
      'json',
    ]);
    const stored = cli(['sample', 'draw', '--frame', join(dir, 'frame.csv'), '--seed', '42', '--format', 'json']);
    expect(dry.status).toBe(0);
    expect(again.stdout).toBe(dry.stdout);
    expect(stored.stdout).toBe(dry.stdout);
    expect(stored.stderr).toContain('stored as draw 1');
    const out = JSON.parse(dry.stdout) as {
      seed: number;
      units: {
        level: string;
        certainty: boolean;
        pi: number;
        piCumulative: number;
        parentCode: string;
        code: string;
      }[];
    };
    expect(out.seed).toBe(42);
    expect(out.units.filter((u) => u.level === 'district')).toHaveLength(3);
    expect(out.units.filter((u) => u.level === 'village')).toHaveLength(12);
    const byCode = new Map(out.units.map((u) => [u.code, u]));
    for (const u of out.units) {
      const parent = byCode.get(u.parentCode);
      expect(u.piCumulative).toBeCloseTo((parent?.piCumulative ?? 1) * u.pi, 12);
      expect(u.certainty).toBe(u.pi === 1);
    }
  });

  it('gives a different PPS draw for a different seed', () => {
    const outputs = new Set(
      ['1', '2', '3'].map((seed) =>
        cli(['sample', 'draw', '--frame', join(dir, 'frame.csv'), '--seed', seed, '--dry-run']).stdout.replace(
          /"seed": \d+/,
          '',
        ),
      ),
    );
    expect(outputs.size).toBeGreaterThan(1);
  });

  it('rejects a broken frame with line numbers on stderr, exit 2 and nothing on stdout', () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      'level,code,name,parent_code,population,is_seat\nprovince,P,Tỉnh,,100,0\ndistrict,D1,Huyện,P,abc,1\ndistrict,D1,Huyện 2,P,5,0\n',
    );
    const res = cli(['sample', 'draw', '--frame', join(dir, 'bad.csv'), '--seed', '1']);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/line 3: population/);
    expect(res.stderr).toMatch(/line 4: code/);
  });
});

describe('langnghe households import and assign', () => {
  it('draws respondents and reserves for listed villages, then assigns a village', () => {
    const draw = JSON.parse(
      cli(['sample', 'draw', '--frame', join(dir, 'frame.csv'), '--seed', '42', '--dry-run']).stdout,
    ) as { units: { level: string; code: string }[] };
    const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
    writeFileSync(join(dir, 'households.csv'), demoHouseholdCsv(villages.slice(0, 2), 45));
    const imported = cli(['households', 'import', '--file', join(dir, 'households.csv')]);
    expect(imported.status).toBe(0);
    const result = JSON.parse(imported.stdout) as {
      villages: { primaries: number; reserves: number; probability: number; eligible: number }[];
    };
    expect(result.villages).toHaveLength(2);
    for (const v of result.villages) {
      expect(v).toMatchObject({ primaries: 20, reserves: 10 });
      expect(v.probability).toBeCloseTo(20 / v.eligible, 12);
    }
    cli(['user', 'add', '--username', 'dtv-01', '--role', 'surveyor', '--password-stdin'], 'mat-khau-dai-du');
    const assigned = cli(['assign', '--surveyor', 'dtv-01', '--village', villages[0] ?? '']);
    expect(assigned.stdout).toBe(`assigned 30 households of village ${villages[0]} (draw 1) to dtv-01\n`);
    const notListed = cli(['assign', '--surveyor', 'dtv-01', '--village', villages[5] ?? '']);
    expect(notListed.status).toBe(2);
  });
});

describe('langnghe sample draw on a two-tier frame (province > commune > village)', () => {
  const twoTier = () => join(dir, 'two-tier.csv');
  beforeAll(() => writeFileSync(twoTier(), `${twoTierLines({ communes: 100, villages: 10 }).join('\n')}\n`));
  const draw = (...extra: string[]) =>
    cli(['sample', 'draw', '--frame', twoTier(), '--seed', '2026', '--dry-run', '--format', 'json', ...extra]);

  it('reads the chain from the rows and draws with the two-tier plan by default', () => {
    const res = draw();
    expect(res.status).toBe(0);
    const units = (JSON.parse(res.stdout) as { units: { level: string; code: string; pi: number }[] }).units;
    expect(units.filter((u) => u.level === 'commune')).toHaveLength(6);
    expect(units.filter((u) => u.level === 'village')).toHaveLength(12);
    expect(units.some((u) => u.level === 'district')).toBe(false);
    expect(units.find((u) => u.code === 'X001')?.pi).toBe(1);
    expect(draw('--levels', 'province,commune,village').stdout).toBe(res.stdout);
  });

  it('refuses a declared chain the rows do not follow, with line numbers, and a plan for other levels', () => {
    const wrongChain = draw('--levels', 'province,district,commune,village');
    expect(wrongChain.status).toBe(2);
    expect(wrongChain.stdout).toBe('');
    expect(wrongChain.stderr).toMatch(/line 3: parent_code: The parent of a commune must be a district/);
    writeFileSync(join(dir, 'papi-plan.json'), JSON.stringify(papiDefaultPlan));
    const wrongPlan = draw('--plan', join(dir, 'papi-plan.json'));
    expect(wrongPlan.status).toBe(2);
    expect(wrongPlan.stderr).toMatch(/plan\.stages: the frame's levels below the province are commune > village/);
  });
});

describe('langnghe round add', () => {
  it('refuses a round outside a draw that declares no design, and stores one that does', () => {
    const base = ['round', 'add', '--survey', 'sipas-2024', '--from', '2026-01-01', '--to', '2026-12-31'];
    const undeclared = cli([...base, '--code', 'no-design']);
    expect(undeclared.status).toBe(2);
    expect(undeclared.stdout).toBe('');
    expect(undeclared.stderr).toMatch(/design: a round outside a sample draw declares its design/);
    const declared = cli([...base, '--code', 'srs-round', '--design', 'srs', '--population', '5000']);
    expect(declared.status).toBe(0);
    expect(JSON.parse(declared.stdout)).toMatchObject({ round: 'srs-round', survey: 'sipas-2024' });
    const badRule = cli([...base, '--code', 'bad-rule', '--design', 'srs', '--lonely-psu', 'ignore']);
    expect(badRule.status).toBe(2);
    expect(badRule.stderr).toMatch(/lonelyPsu/);
  });

  it('takes the interval of shares, and makes a data-only round on a questionnaire without a scoring block', () => {
    const base = ['round', 'add', '--design', 'srs', '--from', '2026-01-01', '--to', '2026-12-31'];
    const beta = cli([...base, '--code', 'beta-round', '--survey', 'sipas-2024', '--share-interval', 'beta']);
    expect(beta.status).toBe(0);
    const wald = cli([...base, '--code', 'wald-round', '--survey', 'sipas-2024', '--share-interval', 'wald']);
    expect(wald.status).toBe(2);
    expect(wald.stderr).toMatch(/shareInterval/);
    expect(JSON.parse(beta.stdout)).toMatchObject({ round: 'beta-round', scored: true });
    const unscored = cli([...base, '--code', 'demo-round', '--survey', 'demo-service']);
    expect(unscored.status).toBe(0);
    expect(JSON.parse(unscored.stdout)).toMatchObject({ round: 'demo-round', survey: 'demo-service', scored: false });
  });
});
