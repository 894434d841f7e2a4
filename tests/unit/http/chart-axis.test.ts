// The value axis of the round page's charts: zoomed to estimates, intervals and targets, with round ticks, never
// beyond the scale the score can take.
import { describe, expect, it } from 'vitest';
import { decimalsOf, niceStep, zoomedAxis } from '../../../src/http/charts/axis.js';

describe('zoomed chart axis', () => {
  it('zooms SIPAS shares between 75% and 88% to round ticks around them, not 0–100%', () => {
    const axis = zoomedAxis([0.7598, 0.84, 0.8812, 0.9], [0, 1]);
    expect(axis.min).toBeCloseTo(0.7, 10);
    expect(axis.max).toBeCloseTo(0.95, 10);
    expect(axis.step).toBeCloseTo(0.05, 10);
    expect(axis.ticks.map((t) => Math.round(t * 100))).toEqual([70, 75, 80, 85, 90, 95]);
  });

  it('keeps every value inside, and never leaves the scale', () => {
    const values = [0.55, 0.99, 0.995];
    const axis = zoomedAxis(values, [0, 1]);
    expect(axis.max).toBe(1);
    expect(axis.min).toBeLessThanOrEqual(0.55);
    const papi = zoomedAxis([1.05, 2.4, 2.5], [0.25, 2.5]);
    expect(papi.min).toBeGreaterThanOrEqual(0.25);
    expect(papi.max).toBe(2.5);
    // Values outside the scale (a target above 100%) are drawn at its edge.
    expect(zoomedAxis([0.8, 1.2], [0, 1]).max).toBe(1);
  });

  it('ignores missing bounds and gives the whole scale when nothing is finite', () => {
    expect(zoomedAxis([Number.NaN, 0.8, Number.NaN], [0, 1]).min).toBeLessThan(0.8);
    const empty = zoomedAxis([Number.NaN], [1, 10]);
    expect([empty.min, empty.max]).toEqual([1, 10]);
  });

  it('gives equal estimates a readable span rather than an axis of noise', () => {
    const axis = zoomedAxis([0.85, 0.85], [0, 1]);
    expect(axis.max - axis.min).toBeGreaterThanOrEqual(0.05);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten, and prints them with the decimals they need', () => {
    expect(niceStep(0.18)).toBeCloseTo(0.05, 12);
    expect(niceStep(9, 4)).toBe(5);
    expect(niceStep(1.1)).toBeCloseTo(0.25, 12);
    expect(decimalsOf(0.25)).toBe(2);
    expect(decimalsOf(5)).toBe(0);
    expect(decimalsOf(2.5)).toBe(1);
  });
});
