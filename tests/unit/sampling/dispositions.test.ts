// Non-response protocol: disposition codes and labels, and the rule that releases reserves in order only
// after a final non-response.
import { describe, expect, it } from 'vitest';
import {
  canReleaseReserve,
  dispositionCodes,
  dispositionLabel,
  dispositionSchema,
  isFinalNonResponse,
  nextReserveToRelease,
} from '../../../src/domain/sampling/index.js';
import type { DispositionCode, ReserveAssignment } from '../../../src/domain/sampling/index.js';

const primary = (order: number, disposition: DispositionCode | null = null): ReserveAssignment => ({
  role: 'primary',
  order,
  disposition,
});
const reserve = (order: number, released = false, disposition: DispositionCode | null = null): ReserveAssignment => ({
  role: 'reserve',
  order,
  released,
  disposition,
});
const threeReserves = [reserve(1), reserve(2), reserve(3)];

describe('disposition codes', () => {
  it('has the six codes with Vietnamese and English labels', () => {
    expect(dispositionCodes).toEqual(['completed', 'refused', 'not_at_home_3_visits', 'moved', 'ineligible', 'other']);
    expect(dispositionLabel('refused', 'vi')).toBe('Từ chối trả lời');
    expect(dispositionLabel('not_at_home_3_visits', 'en')).toBe('Not at home after 3 visits');
    expect(dispositionSchema.safeParse('moved').success).toBe(true);
    expect(dispositionSchema.safeParse('absent').success).toBe(false);
  });

  it('treats every code but completed as a final non-response', () => {
    expect(dispositionCodes.filter(isFinalNonResponse)).toEqual([
      'refused',
      'not_at_home_3_visits',
      'moved',
      'ineligible',
      'other',
    ]);
  });
});

describe('nextReserveToRelease', () => {
  it('refuses while no primary has a final non-response (open or completed only)', () => {
    const decision = nextReserveToRelease([primary(1, 'completed'), primary(2), ...threeReserves]);
    expect(decision).toMatchObject({ ok: false, reason: 'no_final_nonresponse' });
  });

  it('releases reserve 1 after a refusal, then nothing more until another final non-response', () => {
    expect(nextReserveToRelease([primary(1, 'refused'), primary(2), ...threeReserves])).toEqual({ ok: true, order: 1 });
    const afterOne = [primary(1, 'refused'), primary(2), reserve(1, true), reserve(2), reserve(3)];
    expect(nextReserveToRelease(afterOne)).toMatchObject({ ok: false, reason: 'no_final_nonresponse' });
  });

  it('counts a released reserve that also failed, and releases the next one in order', () => {
    const assignments = [
      primary(1, 'moved'),
      primary(2, 'completed'),
      reserve(1, true, 'not_at_home_3_visits'),
      reserve(2),
      reserve(3),
    ];
    expect(nextReserveToRelease(assignments)).toEqual({ ok: true, order: 2 });
  });

  it('allows one release per final non-response, e.g. two failures → reserves 1 then 2', () => {
    const assignments = [primary(1, 'ineligible'), primary(2, 'other'), reserve(3), reserve(1), reserve(2)];
    expect(nextReserveToRelease(assignments)).toEqual({ ok: true, order: 1 });
    const next = [primary(1, 'ineligible'), primary(2, 'other'), reserve(1, true), reserve(2), reserve(3)];
    expect(nextReserveToRelease(next)).toEqual({ ok: true, order: 2 });
  });

  it('refuses when every reserve is out', () => {
    const assignments = [primary(1, 'refused'), primary(2, 'refused'), reserve(1, true, 'refused')];
    expect(nextReserveToRelease(assignments)).toMatchObject({ ok: false, reason: 'no_reserve_left' });
  });

  it('reports reserves released out of order', () => {
    const assignments = [primary(1, 'refused'), primary(2, 'refused'), reserve(1), reserve(2, true)];
    expect(nextReserveToRelease(assignments)).toMatchObject({ ok: false, reason: 'release_out_of_order' });
  });
});

describe('canReleaseReserve', () => {
  const failedOnce = [primary(1, 'refused'), primary(2), ...threeReserves];

  it('allows only the next reserve in order', () => {
    expect(canReleaseReserve(failedOnce, 1)).toEqual({ ok: true, order: 1 });
    expect(canReleaseReserve(failedOnce, 2)).toMatchObject({
      ok: false,
      reason: 'not_next_in_order',
      message: 'Reserve 1 must be released before reserve 2',
    });
  });

  it('explains an unknown or already released reserve, and the lack of a non-response', () => {
    expect(canReleaseReserve(failedOnce, 9)).toMatchObject({ ok: false, reason: 'unknown_reserve' });
    expect(canReleaseReserve([primary(1, 'refused'), reserve(1, true)], 1)).toMatchObject({
      ok: false,
      reason: 'already_released',
    });
    expect(canReleaseReserve([primary(1, 'completed'), reserve(1)], 1)).toMatchObject({
      ok: false,
      reason: 'no_final_nonresponse',
    });
  });
});
