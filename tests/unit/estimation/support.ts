// Helpers for the estimation tests: R reference files and a relative-error comparison that records the
// largest error seen.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const vectorsDir = resolve('..', 'shared', 'test-vectors', 'r-survey');
export const referenceDir = resolve('tests', 'unit', 'estimation', 'r-reference');

export interface ExpectedEstimate {
  variable: string;
  domain: Record<string, string> | null;
  estimate: number;
  se: number;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  deff?: number | null;
}

export interface ReferenceCase {
  name: string;
  args: string[];
  estimates: ExpectedEstimate[];
}

export interface Tolerance {
  relative: number;
  absolute: number;
}

export function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as T;
}

export const errors = { max: 0 };

/** got ≈ want within the tolerance (null/NaN must match null). */
export function expectClose(got: unknown, want: number | null | undefined, tol: Tolerance, label: string): void {
  if (want === null || want === undefined) {
    expect(got === null || (typeof got === 'number' && Number.isNaN(got)), `${label}: got ${String(got)}, R NA`).toBe(
      true,
    );
    return;
  }
  expect(typeof got, label).toBe('number');
  const g = got as number;
  const err = Math.abs(g - want);
  if (want !== 0) errors.max = Math.max(errors.max, err / Math.abs(want));
  expect(err <= tol.absolute || err <= tol.relative * Math.abs(want), `${label}: got ${g}, R ${want}`).toBe(true);
}
