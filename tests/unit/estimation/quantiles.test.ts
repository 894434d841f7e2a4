// The quantile functions agree with R's qnorm, qt and qbeta (values printed by R 4.2.2 with digits = 17).
import { describe, expect, it } from 'vitest';
import { qbeta, qnorm, qt } from '../../../src/domain/estimation/index.js';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('quantiles', () => {
  it.each([
    ['qnorm(0.975)', () => qnorm(0.975), 1.959963984540053605],
    ['qnorm(0.05)', () => qnorm(0.05), -1.644853626951472636],
    ['qt(0.975, 4)', () => qt(0.975, 4), 2.776445105197793417],
    ['qt(0.025, 29)', () => qt(0.025, 29), -2.045229642132703862],
    ['qt(0.95, 2.5)', () => qt(0.95, 2.5), 2.558218614135945312],
    ['qbeta(0.025, 2.5, 7.3)', () => qbeta(0.025, 2.5, 7.3), 0.050504345176365519],
    ['qbeta(0.975, 0.05, 30)', () => qbeta(0.975, 0.05, 30), 0.019025230911519198],
    ['qbeta(0.5, 120.5, 3.25)', () => qbeta(0.5, 120.5, 3.25), 0.976249047252903068],
  ] as const)('%s matches R', (_label, f, want) => {
    expect(rel(f(), want)).toBeLessThan(1e-13);
  });

  it('follows R at the edges', () => {
    expect(qt(0.975, Infinity)).toBe(qnorm(0.975));
    expect(qt(0.975, 0)).toBeNaN();
    expect(qbeta(0.025, 0, 5)).toBe(0);
    expect(qbeta(0.975, 5, 0)).toBe(1);
    expect(qbeta(0.5, NaN, 1)).toBeNaN();
  });
});
