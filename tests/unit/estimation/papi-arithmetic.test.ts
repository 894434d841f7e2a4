// PAPI aggregation golden test, papi.md §4.3: Hà Nội 2016 and 2019 from the official workbooks/reports.
import { describe, expect, it } from 'vitest';
import {
  papiDimensionScore,
  papiSubDimensionScore,
  papiTotalScore,
  roundScore,
} from '../../../src/domain/estimation/index.js';

describe('PAPI arithmetic', () => {
  it('Hà Nội 2016: dimension 1 = 5.338, dimension 2 = 5.076, total = 33.806', () => {
    const d1 = papiDimensionScore([1.091, 1.682, 1.522, 1.043]);
    const d2 = papiDimensionScore([1.804, 1.576, 1.696]);
    expect(roundScore(d1)).toBe(5.338);
    expect(roundScore(d2)).toBe(5.076);
    expect(roundScore(papiTotalScore([d1, d2, 4.261, 5.239, 7.087, 6.805]))).toBe(33.806);
  });

  it('Hà Nội 2019: dimension 1 = 5.04', () => {
    expect(roundScore(papiDimensionScore([0.74, 1.49, 1.58, 1.23]), 2)).toBe(5.04);
  });

  it('a sub-dimension is the mean indicator score over k, within [1/k, 10/k]', () => {
    expect(papiSubDimensionScore([1, 1, 1], 4)).toBe(0.25);
    expect(papiSubDimensionScore([10, 10], 4)).toBe(2.5);
    expect(papiSubDimensionScore([4, 6, 8], 3)).toBeCloseTo(2, 12);
  });
});
