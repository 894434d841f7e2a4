// PPS without replacement: hand-computed inclusion probabilities with the iterative certainty rule, the
// systematic selection, edge cases, and a 5,000-draw simulation of selection frequencies against π.
import { describe, expect, it } from 'vitest';
import { createRng, ppsInclusionProbabilities, systematicPps } from '../../../src/domain/sampling/index.js';
import type { Rng } from '../../../src/domain/sampling/index.js';

/** An Rng whose next() always returns u: the systematic start is then known. */
function fixedStart(u: number): Rng {
  return { next: () => u, int: () => 0, nextUint32: () => 0 };
}

describe('ppsInclusionProbabilities', () => {
  it('is n · size / total when no unit reaches 1', () => {
    expect(ppsInclusionProbabilities([10, 20, 30, 40], 2)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('iterates the certainty rule: each unit reaching 1 is fixed and the rest recomputed', () => {
    // Round 1: 3·50/100 = 1.5 → certain. Round 2: 2·30/50 = 1.2 → certain. Round 3: 1·{10,5,5}/20.
    expect(ppsInclusionProbabilities([50, 30, 10, 5, 5], 3)).toEqual([1, 1, 0.5, 0.25, 0.25]);
  });

  it('makes a unit larger than the sampling interval certain', () => {
    // Interval 100 / 2 = 50 < 60: π = 1.2 → 1, then one draw among the other 40.
    const pi = ppsInclusionProbabilities([10, 60, 10, 10, 10], 2);
    expect(pi).toEqual([0.25, 1, 0.25, 0.25, 0.25]);
  });

  it('counts a unit exactly at the interval as certain', () => {
    expect(ppsInclusionProbabilities([50, 25, 25], 2)).toEqual([1, 0.5, 0.5]);
  });

  it('takes every unit of positive size when n reaches their number, and never a zero-size unit', () => {
    expect(ppsInclusionProbabilities([5, 7, 9], 3)).toEqual([1, 1, 1]);
    expect(ppsInclusionProbabilities([5, 7, 9], 8)).toEqual([1, 1, 1]);
    expect(ppsInclusionProbabilities([5, 0, 9], 2)).toEqual([1, 0, 1]);
    expect(ppsInclusionProbabilities([30, 0, 10], 1)).toEqual([0.75, 0, 0.25]);
    expect(ppsInclusionProbabilities([3, 4], 0)).toEqual([0, 0]);
    expect(ppsInclusionProbabilities([], 2)).toEqual([]);
  });

  it('sums to n', () => {
    const sizes = [900, 15, 340, 27, 88, 410, 5, 61, 230, 700, 12];
    const pi = ppsInclusionProbabilities(sizes, 5);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 12);
    expect(pi[0]).toBe(1);
  });

  it('rejects bad input', () => {
    expect(() => ppsInclusionProbabilities([1, -2], 1)).toThrow(RangeError);
    expect(() => ppsInclusionProbabilities([1, Number.NaN], 1)).toThrow(RangeError);
    expect(() => ppsInclusionProbabilities([1, 2], 1.5)).toThrow(RangeError);
    expect(() => ppsInclusionProbabilities([1, 2], -1)).toThrow(RangeError);
  });
});

describe('systematicPps', () => {
  it('selects the units whose cumulative π range holds u, u + 1, …', () => {
    // π = [0.2, 0.4, 0.6, 0.8], cumulative 0.2, 0.6, 1.2, 2.0.
    expect(systematicPps([10, 20, 30, 40], 2, fixedStart(0.5)).map((s) => s.index)).toEqual([1, 3]);
    expect(systematicPps([10, 20, 30, 40], 2, fixedStart(0.1)).map((s) => s.index)).toEqual([0, 2]);
    expect(systematicPps([10, 20, 30, 40], 2, fixedStart(0))).toEqual([
      { index: 0, pi: 0.2, certain: false },
      { index: 2, pi: 0.6, certain: false },
    ]);
  });

  it('never hits a unit larger than the interval twice: it is certain and the other draw is among the rest', () => {
    const rng = createRng('larger-than-interval');
    for (let i = 0; i < 200; i++) {
      const picks = systematicPps([10, 60, 10, 10, 10], 2, rng);
      expect(picks).toHaveLength(2);
      expect(picks.find((p) => p.index === 1)).toEqual({ index: 1, pi: 1, certain: true });
      expect(picks.filter((p) => p.index !== 1).map((p) => p.pi)).toEqual([0.25]);
    }
  });

  it('takes everything when n is at least the number of units, skipping zero sizes', () => {
    const picks = systematicPps([4, 0, 6], 5, createRng(1));
    expect(picks).toEqual([
      { index: 0, pi: 1, certain: true },
      { index: 2, pi: 1, certain: true },
    ]);
  });

  it('uses exactly one number of the stream per call, even when nothing is random', () => {
    const a = createRng(9);
    systematicPps([4, 6], 2, a);
    systematicPps([4, 6], 0, a);
    const b = createRng(9);
    b.next();
    b.next();
    expect(a.next()).toBe(b.next());
  });

  it('selects every unit with frequency π over 5,000 seeded draws (within 4 standard errors)', () => {
    // One unit above the interval (3·1200/2920 ≈ 1.23 → certain) and one of size 0.
    const sizes = [120, 1200, 80, 300, 60, 150, 90, 0, 200, 70, 110, 500];
    const n = 3;
    const pi = ppsInclusionProbabilities(sizes, n);
    expect(pi[1]).toBe(1);
    expect(pi[11]).toBeCloseTo((2 * 500) / 1680, 12);
    const draws = 5000;
    const counts = sizes.map(() => 0);
    const rng = createRng('pps-simulation');
    for (let r = 0; r < draws; r++) {
      const picks = systematicPps(sizes, n, rng);
      expect(picks).toHaveLength(n);
      for (const p of picks) counts[p.index] = (counts[p.index] ?? 0) + 1;
    }
    pi.forEach((p, i) => {
      const frequency = (counts[i] ?? 0) / draws;
      const se = Math.sqrt((p * (1 - p)) / draws);
      if (p === 0 || p === 1) expect(frequency).toBe(p);
      else expect(Math.abs(frequency - p)).toBeLessThanOrEqual(4 * se);
    });
  });
});
