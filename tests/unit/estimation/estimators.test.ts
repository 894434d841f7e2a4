// Domain API against the reference values in survey-statistics.md §13 (R survey 4.1-1 on basic.csv).
import { describe, expect, it } from 'vitest';
import {
  betaInterval,
  degreesOfFreedom,
  domainScope,
  estimateMean,
  estimateTable,
  estimateTotal,
  kish,
  logitInterval,
  qbeta,
  qt,
  waldInterval,
} from '../../../src/domain/estimation/index.js';
import { loadBasic, rowsWhere } from './basic-data.js';

const basic = loadBasic();
const design = basic.design();
const close = (got: number, want: number, rel = 1e-9): void => {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
};

describe('estimators on basic.csv', () => {
  it('Hájek mean of sat with SE, DEff, normal and t(4) intervals', () => {
    const sat = estimateMean(design, basic.num('sat'));
    close(sat.estimate, 0.589690186882);
    close(sat.se, 0.131735567148, 1e-11);
    close(sat.deff as number, 2.0873601701, 1e-10);
    const normal = waldInterval(sat.estimate, sat.se);
    close(normal.low, 0.33149321979, 1e-10);
    close(normal.high, 0.847887153975, 1e-11);
    expect(degreesOfFreedom(design, null)).toBe(4);
    const t4 = waldInterval(sat.estimate, sat.se, 0.95, 4);
    close(t4.low, 0.223933616295, 1e-11);
    close(t4.high, 0.95544675747, 1e-11);
  });

  it('the Likert distribution: one proportion per level, summing to 1', () => {
    const likert = basic.num('likert');
    const want = [0.0515490773049, 0.15204373405, 0.206717001763, 0.339494924249, 0.250195262633];
    const got = want.map(
      (_, level) =>
        estimateMean(
          design,
          likert.map((v) => (v === level + 1 ? 1 : 0)),
        ).estimate,
    );
    got.forEach((p, i) => close(p, want[i] as number, 1e-10));
    close(
      got.reduce((a, b) => a + b, 0),
      1,
      1e-14,
    );
  });

  it('Σw and the total of sat', () => {
    const ones = new Float64Array(basic.rows).fill(1);
    close(estimateTotal(design, ones).estimate, 8535.5553, 1e-14);
    close(estimateTotal(design, basic.num('sat')).estimate, 5033.3332, 1e-14);
  });

  it('at p = 0 (M has no complaints), where R gives NaN, beta and logit take Clopper–Pearson on the effective n', () => {
    const rows = rowsWhere(basic.cat('gender'), 'M');
    const est = estimateMean(design, basic.num('complain'), rows);
    expect(est.estimate).toBe(0);
    const scope = domainScope(design, rows);
    const ci = betaInterval(est.estimate, est.variance, { ...scope, n: est.n });
    const nStar = est.n * (qt(0.025, est.n - 1) / qt(0.025, scope.df)) ** 2;
    expect(ci.low).toBe(0);
    close(ci.high, 1 - 0.025 ** (1 / nStar), 1e-14);
    // = the upper Clopper–Pearson bound qbeta(0.975, 1, n*) for 0 successes.
    close(ci.high, qbeta(0.975, 1, nStar), 1e-12);
    expect(logitInterval(est.estimate, est.se, scope.df, est.n)).toEqual(ci);
    expect(logitInterval(1, 0, scope.df, est.n)).toEqual({ low: 0.025 ** (1 / nStar), high: 1 });
    expect(logitInterval(0.5, 0.1, 0, est.n).low).toBeNaN();
  });

  it('a domain estimated from a row list equals the by-domain table', () => {
    const table = estimateTable({
      design,
      variables: [{ name: 'likert_dk', values: basic.num('likert_dk') }],
      by: { name: 'gender', column: basic.cat('gender') },
    });
    const f = estimateMean(design, basic.num('likert_dk'), rowsWhere(basic.cat('gender'), 'F'));
    const row = table.find((r) => r.domain?.gender === 'F');
    close(row?.estimate as number, f.estimate, 1e-14);
    close(row?.se as number, f.se, 1e-12);
    close(row?.deff as number, f.deff as number, 1e-12);
    expect(row?.n).toBe(f.n);
  });

  it('Kish effective sample size and weighting effect (1/n form)', () => {
    const k = kish(basic.num('w'));
    close(k.effectiveN, 24.9058105201, 1e-10);
    close(k.deffWeighting, 1.20453819304, 1e-10);
    expect(k.n).toBe(30);
  });
});
