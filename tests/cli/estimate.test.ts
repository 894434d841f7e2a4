// `langnghe estimate` against R: every case in ../shared/test-vectors/r-survey/*.expected.json goes through
// the CLI's argument parser and the engine and must reproduce R's numbers to 1e-9 relative; then the built
// command is run as a child process for its output contract and its exit code 2 on bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateCommand, EstimateUsageError, parseEstimateArgs, toJson } from '../../src/cli/estimate-command.js';
import { runEstimation } from '../../src/services/estimation/run.js';

const vectorsDir = resolve('..', 'shared', 'test-vectors', 'r-survey');

interface Expected {
  variable: string;
  domain: Record<string, string> | null;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  n: number;
  deff?: number;
}
interface VectorFile {
  tolerance: { relative: number; absolute: number };
  cases: { name: string; args: string[]; estimates: Expected[] }[];
}

const files = readdirSync(vectorsDir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort();
const vectors = files.map((f) => ({
  file: f,
  data: JSON.parse(readFileSync(join(vectorsDir, f), 'utf8')) as VectorFile,
}));
const cases = vectors.flatMap(({ file, data }) => data.cases.map((c) => ({ ...c, file, tolerance: data.tolerance })));
let maxRelativeError = 0;

function close(got: unknown, want: number, tol: VectorFile['tolerance'], label: string): void {
  expect(typeof got, label).toBe('number');
  const g = got as number;
  const err = Math.abs(g - want);
  if (want !== 0) maxRelativeError = Math.max(maxRelativeError, err / Math.abs(want));
  expect(err <= tol.absolute || err <= tol.relative * Math.abs(want), `${label}: got ${g}, R ${want}`).toBe(true);
}

describe('R survey test vectors through the CLI parser', () => {
  it('finds the vector files', () => {
    expect(files).toEqual(expect.arrayContaining(['basic.expected.json', 'lonely.expected.json']));
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  it.each(cases.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', (_label, c) => {
    const args = parseEstimateArgs(c.args);
    const json = toJson(runEstimation(args, vectorsDir));
    expect(json.estimates).toHaveLength(c.estimates.length);
    for (const want of c.estimates) {
      const got = json.estimates.find(
        (e) => e.variable === want.variable && JSON.stringify(e.domain) === JSON.stringify(want.domain),
      );
      const label = `${c.name} ${want.variable} ${JSON.stringify(want.domain)}`;
      expect(got, label).toBeDefined();
      if (!got) continue;
      for (const key of ['estimate', 'se', 'ciLow', 'ciHigh'] as const)
        close(got[key], want[key], c.tolerance, `${label} ${key}`);
      expect(got.n, `${label} n`).toBe(want.n);
      if (want.deff === undefined) expect(got, `${label} has no deff`).not.toHaveProperty('deff');
      else close(got.deff, want.deff, c.tolerance, `${label} deff`);
    }
  });

  afterAll(() => {
    process.stdout.write(
      `r-survey vectors: ${cases.length} cases, max relative error ${maxRelativeError.toExponential(2)}\n`,
    );
  });
});

const tmp = mkdtempSync(join(tmpdir(), 'langnghe-estimate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const basicArgs = ['--csv', join(vectorsDir, 'basic.csv'), '--weight', 'w', '--strata', 'stratum', '--psu', 'psu'];

function cli(args: string[]) {
  return spawnSync(process.execPath, ['bin/langnghe.js', 'estimate', ...args], { encoding: 'utf8', timeout: 30_000 });
}

function writeCsv(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('parseEstimateArgs', () => {
  it('applies the defaults', () => {
    const a = parseEstimateArgs(['--csv', 'x.csv', '--vars', 'a, b', '--weight', 'w']);
    expect(a).toMatchObject({
      vars: ['a', 'b'],
      stat: 'mean',
      ci: 'wald',
      level: 0.95,
      lonelyPsu: 'fail',
      calfun: 'linear',
      format: 'json',
    });
  });

  it.each([
    [['--vars', 'a', '--weight', 'w'], '--csv FILE is required'],
    [['--csv', 'x', '--vars', 'a', '--weight', 'w', '--ci', 'wilson'], '--ci'],
    [['--csv', 'x', '--vars', 'a', '--weight', 'w', '--level', '95'], '--level must be between 0 and 1'],
    [['--csv', 'x', '--vars', 'a', '--weight', 'w', '--poststratify', 'm', '--calibrate', 'm'], 'not both'],
    [['--csv', 'x', '--vars', 'a', '--weight', 'w', '--stat', 'total', '--ci', 'beta'], 'for proportions'],
    [['--csv', 'x', '--vars', 'a', '--weight', 'w', '--frobnicate', '1'], 'frobnicate'],
  ])('refuses %j', (args, message) => {
    expect(() => parseEstimateArgs(args)).toThrow(EstimateUsageError);
    expect(() => parseEstimateArgs(args)).toThrow(message);
  });
});

describe('estimateCommand in process', () => {
  it('writes JSON with the design description and nothing on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await estimateCommand([...basicArgs, '--vars', 'sat', '--lonely-psu', 'adjust'], {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
    });
    expect([code, err.join('')]).toEqual([0, '']);
    const json = JSON.parse(out.join('')) as { design: Record<string, unknown>; estimates: unknown[] };
    expect(json.design).toMatchObject({
      rows: 30,
      strataCount: 2,
      psuCount: 6,
      degf: 4,
      lonelyPsu: 'adjust',
      calibration: null,
    });
    expect(json.estimates).toHaveLength(1);
  });
});

describe('langnghe estimate (built CLI as a child process)', () => {
  it('prints the JSON contract', () => {
    const res = cli([...basicArgs, '--vars', 'sat', '--by', 'gender']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout) as { estimates: Record<string, unknown>[] };
    expect(Object.keys(json.estimates[0] ?? {})).toEqual([
      'variable',
      'domain',
      'estimate',
      'se',
      'ciLow',
      'ciHigh',
      'deff',
      'n',
    ]);
    expect(json.estimates.map((e) => e.domain)).toEqual([{ gender: 'F' }, { gender: 'M' }]);
  });

  it('prints CSV with --format csv, and reads an Excel-style file (BOM, CRLF, Vietnamese labels)', () => {
    const path = writeCsv(
      'excel.csv',
      '\uFEFF"tỉnh","điểm","trọng số"\r\n"Hà Nội",1,2\r\n"Hà Nội",0,1\r\n"Đà Nẵng",1,1\r\n"Đà Nẵng",,3\r\n"Đà Nẵng",0,1\r\n',
    );
    const res = cli(['--csv', path, '--vars', 'điểm', '--weight', 'trọng số', '--by', 'tỉnh', '--format', 'csv']);
    expect(res.stderr).toBe('');
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe('variable,tỉnh,estimate,se,ciLow,ciHigh,deff,n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).concat(l.split(',').slice(-1)))).toEqual([
      ['điểm', 'Đà Nẵng', '0.5', '2'],
      ['điểm', 'Hà Nội', String(2 / 3), '2'],
    ]);
  });

  const bad: [string, string[], string][] = [
    ['an unknown column', [...basicArgs, '--vars', 'nope'], 'unknown column "nope"'],
    ['a non-numeric value', [...basicArgs, '--vars', 'gender'], 'non-numeric value "F"'],
    [
      'a non-positive weight',
      ['--csv', 'WEIGHT', '--vars', 'y', '--weight', 'w'],
      'row 2: the weight must be a positive number',
    ],
    [
      'PSU ids shared across strata',
      ['--csv', 'NESTED', '--vars', 'y', '--weight', 'w', '--strata', 's', '--psu', 'p'],
      'PSU "p2" appears in strata',
    ],
    [
      'a lonely PSU under the default rule',
      [
        '--csv',
        join(vectorsDir, 'lonely.csv'),
        '--vars',
        'sat',
        '--weight',
        'w',
        '--strata',
        'stratum',
        '--psu',
        'psu',
      ],
      'Stratum "P3" has only one PSU',
    ],
    [
      'margins that do not match the data',
      [...basicArgs, '--vars', 'sat', '--calibrate', 'MARGINS', '--calfun', 'raking'],
      'level "X" of gender is in the margins but not in the data',
    ],
    ['a missing file', ['--csv', join(tmp, 'absent.csv'), '--vars', 'y', '--weight', 'w'], 'no such file'],
    ['a bad flag', [...basicArgs, '--vars', 'sat', '--stat', 'median'], '--stat'],
  ];

  it.each(bad)('answers %s with exit code 2, a message on stderr and nothing on stdout', (_label, rawArgs, message) => {
    const files: Record<string, string> = {
      WEIGHT: writeCsv('weight.csv', 'y,w\n1,2\n0,0\n'),
      NESTED: writeCsv('nested.csv', 's,p,y,w\nA,p1,1,1\nA,p2,0,1\nB,p2,1,1\nB,p3,0,1\n'),
      MARGINS: writeCsv('margins.csv', 'variable,level,total\ngender,F,4700\ngender,M,4300\ngender,X,10\n'),
    };
    const args = rawArgs.map((a) => files[a] ?? a);
    const res = cli(args);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(message);
  });

  it('names the lonely-PSU options in the message', () => {
    const res = cli([
      '--csv',
      join(vectorsDir, 'lonely.csv'),
      '--vars',
      'sat',
      '--weight',
      'w',
      '--strata',
      'stratum',
      '--psu',
      'psu',
    ]);
    for (const rule of ['remove', 'certainty', 'adjust', 'average']) expect(res.stderr).toContain(rule);
  });
});
