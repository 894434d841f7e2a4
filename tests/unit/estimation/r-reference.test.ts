// Further R survey 4.1.1 results (r-reference/generate.R): CIs with missing values, domains after
// post-stratification and calibration, lonely-PSU rules in domains and for totals, fpc as fractions,
// designs without strata or PSUs, raking with rescaled weights, another level. Same shape as the shared vectors.
import { afterAll, describe, expect, it } from 'vitest';
import { parseEstimateArgs, toJson } from '../../../src/cli/estimate-command.js';
import { runEstimation } from '../../../src/services/estimation/run.js';
import { errors, expectClose, readJson, referenceDir } from './support.js';
import type { ReferenceCase, Tolerance } from './support.js';

const reference = readJson<{ generatedWith: string; tolerance: Tolerance; cases: ReferenceCase[] }>(
  referenceDir,
  'r-reference.json',
);

describe(`extra R reference cases (${reference.generatedWith})`, () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const json = toJson(runEstimation(parseEstimateArgs(c.args), referenceDir));
    expect(json.estimates).toHaveLength(c.estimates.length);
    c.estimates.forEach((want, i) => {
      const got = json.estimates[i] as Record<string, unknown>;
      const label = `${c.name} ${want.variable} ${JSON.stringify(want.domain)}`;
      expect([got.variable, got.domain], label).toEqual([want.variable, want.domain]);
      for (const key of ['estimate', 'se', 'ciLow', 'ciHigh'] as const)
        expectClose(got[key], want[key], reference.tolerance, `${label} ${key}`);
      expect(got.n, `${label} n`).toBe(want.n);
      if (want.deff === undefined) expect(got).not.toHaveProperty('deff');
      else expectClose(got.deff, want.deff, reference.tolerance, `${label} deff`);
    });
  });

  afterAll(() =>
    process.stdout.write(
      `extra R cases: ${reference.cases.length}, max relative error ${errors.max.toExponential(2)}\n`,
    ),
  );
});
