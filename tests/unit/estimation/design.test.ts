// Design validation and the variance routine's rules on small hand-computed examples.
import { describe, expect, it } from 'vitest';
import {
  categorical,
  createDesign,
  degreesOfFreedom,
  EstimationError,
  estimateTotal,
} from '../../../src/domain/estimation/index.js';
import type { LonelyPsuRule } from '../../../src/domain/estimation/index.js';

function thrown(f: () => unknown): EstimationError {
  try {
    f();
  } catch (err) {
    if (err instanceof EstimationError) return err;
    throw err;
  }
  throw new Error('expected an EstimationError');
}

// Stratum A: PSUs a1 (rows y = 1, 2), a2 (3); stratum B: b1 (4, 5), b2 (6), b3 (0); stratum C: c1 (10).
const strata = categorical(['A', 'A', 'A', 'B', 'B', 'B', 'B', 'C']);
const psu = categorical(['a1', 'a1', 'a2', 'b1', 'b1', 'b2', 'b3', 'c1']);
const y = [1, 2, 3, 4, 5, 6, 0, 10];
const weights = new Array<number>(8).fill(1);
// PSU totals of the total's score w·y: A (3, 3), B (9, 6, 0), C (10).
const vA = 2 * ((3 - 3) ** 2 + (3 - 3) ** 2);
const vB = (3 / 2) * ((9 - 5) ** 2 + (6 - 5) ** 2 + (0 - 5) ** 2);

function totalVariance(rule: LonelyPsuRule): number {
  return estimateTotal(createDesign({ weights, strata, psu, lonelyPsu: rule }), y).variance;
}

describe('createDesign', () => {
  it('rejects non-positive or missing weights with the row', () => {
    expect(thrown(() => createDesign({ weights: [1, 0, 2] })).message).toContain('row 2');
    expect(thrown(() => createDesign({ weights: [1, NaN] })).code).toBe('invalid_weight');
    expect(thrown(() => createDesign({ weights: [1, -3] })).code).toBe('invalid_weight');
  });

  it('rejects PSU ids shared across strata', () => {
    const err = thrown(() =>
      createDesign({
        weights: [1, 1, 1, 1],
        strata: categorical(['A', 'A', 'B', 'B']),
        psu: categorical(['p1', 'p2', 'p2', 'p3']),
      }),
    );
    expect(err.code).toBe('psu_not_nested');
    expect(err.message).toContain('"p2"');
  });

  it('fails on a lonely PSU by default, naming the stratum and the rules', () => {
    const err = thrown(() => createDesign({ weights, strata, psu }));
    expect(err.code).toBe('lonely_psu');
    expect(err.message).toContain('Stratum "C"');
    for (const rule of ['remove', 'certainty', 'adjust', 'average']) expect(err.message).toContain(rule);
  });

  it('does not fail when the fpc says the lonely PSU was taken with certainty (f = 1)', () => {
    const fpc = [2, 2, 2, 10, 10, 10, 10, 1];
    const design = createDesign({ weights, strata, psu, fpc });
    const v = estimateTotal(design, y).variance;
    expect(v).toBeCloseTo(vB * 0.7, 10);
  });

  it('checks the fpc', () => {
    expect(
      thrown(() => createDesign({ weights, strata, psu, fpc: [2, 2, 2, 10, 10, 10, 10, 0.5], lonelyPsu: 'remove' }))
        .message,
    ).toContain('all population counts');
    expect(
      thrown(() => createDesign({ weights, strata, psu, fpc: [2, 3, 2, 10, 10, 10, 10, 1], lonelyPsu: 'remove' }))
        .message,
    ).toContain('varies within stratum "A"');
    expect(
      thrown(() => createDesign({ weights, strata, psu, fpc: [1, 1, 1, 2, 2, 2, 2, 1], lonelyPsu: 'remove' })).message,
    ).toContain('more than 100%');
  });

  it('counts degrees of freedom as PSUs minus strata, also in a domain', () => {
    const design = createDesign({ weights, strata, psu, lonelyPsu: 'remove' });
    expect(degreesOfFreedom(design, null)).toBe(6 - 3);
    expect(degreesOfFreedom(design, Int32Array.from([0, 3, 4, 5]))).toBe(3 - 2);
  });
});

describe('lonely-PSU rules (R survey 4.1)', () => {
  it('remove and certainty drop the stratum', () => {
    expect(totalVariance('remove')).toBeCloseTo(vA + vB, 10);
    expect(totalVariance('certainty')).toBeCloseTo(vA + vB, 10);
  });

  it('adjust adds the lonely PSU total squared (centred at 0)', () => {
    expect(totalVariance('adjust')).toBeCloseTo(vA + vB + 10 ** 2, 10);
  });

  it('average scales the other strata by H / H_ok', () => {
    expect(totalVariance('average')).toBeCloseTo(((vA + vB) * 3) / 2, 10);
  });

  it('in a domain, PSUs without members count as zero totals and n_h stays the full count', () => {
    const design = createDesign({ weights, strata, psu, lonelyPsu: 'remove' });
    const rows = Int32Array.from([3, 4]); // only b1 of stratum B
    const v = estimateTotal(design, y, rows).variance;
    expect(v).toBeCloseTo((3 / 2) * ((9 - 3) ** 2 + 3 ** 2 + 3 ** 2), 10);
  });
});
