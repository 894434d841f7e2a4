// Post-stratification and calibration: the weights hit the margins, linear calibration on one cell
// variable reproduces post-stratification (weights and SEs, as in R), and bad margins are refused.
import { describe, expect, it } from 'vitest';
import { calibrate, EstimationError, estimateMean, postStratify } from '../../../src/domain/estimation/index.js';
import type { MarginInput } from '../../../src/domain/estimation/index.js';
import { loadBasic } from './basic-data.js';

const basic = loadBasic();
const design = basic.design();
const gender = (totals: [string, number][]): MarginInput => ({
  variable: 'gender',
  column: basic.cat('gender'),
  totals: new Map(totals),
});
const age: MarginInput = {
  variable: 'age',
  column: basic.cat('age'),
  totals: new Map([
    ['old', 4900],
    ['young', 4100],
  ]),
};
const sumWhere = (w: Float64Array, m: MarginInput, level: string): number => {
  let s = 0;
  m.column.codes.forEach((c, k) => {
    if (m.column.levels[c] === level) s += w[k] as number;
  });
  return s;
};

describe('calibration', () => {
  it('raking and linear calibration reproduce both margins', () => {
    const g = gender([
      ['F', 4700],
      ['M', 4300],
    ]);
    for (const calfun of ['raking', 'linear'] as const) {
      const cal = calibrate(design, [g, age], calfun);
      expect(sumWhere(cal.weights, g, 'F')).toBeCloseTo(4700, 4);
      expect(sumWhere(cal.weights, g, 'M')).toBeCloseTo(4300, 4);
      expect(sumWhere(cal.weights, age, 'young')).toBeCloseTo(4100, 4);
      expect(cal.calibration?.columns).toEqual(['(Intercept)', 'gender=M', 'age=young']);
    }
  });

  it('raking weights are the IPF fixed point: g is multiplicative in the two margins', () => {
    const cal = calibrate(
      design,
      [
        gender([
          ['F', 4700],
          ['M', 4300],
        ]),
        age,
      ],
      'raking',
    );
    const g = cal.calibration?.g as Float64Array;
    const key = (k: number): string => `${basic.cat('gender').codes[k]}-${basic.cat('age').codes[k]}`;
    const byCell = new Map<string, number>();
    g.forEach((v, k) => byCell.set(key(k), v));
    const [fo, fy, mo, my] = ['0-1', '0-0', '1-1', '1-0'].map((c) => byCell.get(c) ?? NaN);
    expect((fo as number) / (fy as number)).toBeCloseTo((mo as number) / (my as number), 10);
  });

  it('linear calibration on one variable equals post-stratification', () => {
    const g = gender([
      ['F', 4700],
      ['M', 4300],
    ]);
    const ps = postStratify(design, g);
    const lin = calibrate(design, [g], 'linear');
    ps.weights.forEach((w, k) => expect(w).toBeCloseTo(lin.weights[k] as number, 9));
    const a = estimateMean(ps, basic.num('sat'));
    const b = estimateMean(lin, basic.num('sat'));
    expect(a.se).toBeCloseTo(b.se, 12);
    expect(a.deff).toBeNull();
  });

  it('refuses margins that do not match the data', () => {
    const missing = (): unknown => postStratify(design, gender([['F', 4700]]));
    expect(missing).toThrow(EstimationError);
    expect(missing).toThrow('level "M" of gender is in the data');
    expect(() =>
      postStratify(
        design,
        gender([
          ['F', 4700],
          ['M', 4300],
          ['X', 1],
        ]),
      ),
    ).toThrow('"X" of gender is in the margins but not in the data');
    expect(() =>
      calibrate(
        design,
        [
          gender([
            ['F', 4700],
            ['M', 4300],
          ]),
          {
            ...age,
            totals: new Map([
              ['old', 1],
              ['young', 1],
            ]),
          },
        ],
        'raking',
      ),
    ).toThrow('disagree on the population size');
    expect(() =>
      calibrate(
        postStratify(
          design,
          gender([
            ['F', 4700],
            ['M', 4300],
          ]),
        ),
        [age],
        'linear',
      ),
    ).toThrow('already calibrated');
  });
});
