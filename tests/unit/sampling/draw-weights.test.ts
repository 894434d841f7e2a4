// A draw's weights computed from its assignments' state when read (draw-weights.ts), on a hand-computed village:
// n_v counts the released households, a rejected interview is a non-respondent, an out-of-scope household leaves
// the class, and the recorded Kish selection or the listed adults give the within-household factor.
import { describe, expect, it } from 'vitest';
import { drawWeights, selectionProbability, type AssignmentState } from '../../../src/domain/sampling/index.js';

// PPS district D1 (0.5), its seat commune C1 (certain), PPS village V1 (0.4): π area 0.2; M = 50.
const draw = {
  province: { code: '02', name: 'Hà Giang', population: 850_000 },
  units: [
    { level: 'district', code: 'D1', parentCode: '02', pi: 0.5 },
    { level: 'commune', code: 'C1', parentCode: 'D1', pi: 1 },
    { level: 'village', code: 'V1', parentCode: 'C1', pi: 0.4 },
  ].map((u) => ({
    ...u,
    level: u.level as 'district' | 'commune' | 'village',
    name: u.code,
    population: 1000,
    certainty: u.pi === 1,
    selectedAs: u.pi === 1 ? ('seat' as const) : ('pps' as const),
    piCumulative: u.pi,
  })),
};

const state = (id: string, over: Partial<AssignmentState>): AssignmentState => ({
  id,
  villageCode: 'V1',
  householdKey: id,
  listedCount: 50,
  eligibleAdults: 2,
  released: true,
  disposition: null,
  rejected: false,
  selection: null,
  ...over,
});

// Six released households (a1-a6), a held reserve: 3 interviews (one rejected), a refusal, an out-of-scope, one open.
const village = [
  state('a1', { disposition: 'completed', selection: { method: 'kish', adults: 3, line: 2 } }),
  state('a2', { disposition: 'completed' }),
  state('a3', { disposition: 'completed', rejected: true }),
  state('a4', { disposition: 'refused' }),
  state('a5', { disposition: 'ineligible' }),
  state('a6', {}),
  state('r1', { released: false }),
];

describe('drawWeights', () => {
  it('weights the accepted interviews 1 / (π area · n_v/M · π_k|h) and adjusts by eligible / respondents', () => {
    const w = drawWeights(draw, village, { certaintyUnits: 'collapse', adultSelection: 'kish' });
    const household = 1 / (0.2 * (6 / 50));
    expect(w.byAssignment.get('a1')?.baseWeight).toBeCloseTo(household / selectionProbability('kish', 3, 2), 10);
    // Recorded without a selection: the household list's two adults, equal chances.
    expect(w.byAssignment.get('a2')?.baseWeight).toBeCloseTo(household * 2, 10);
    expect([...w.byAssignment.keys()]).toEqual(['a1', 'a2']);
    // 6 sampled, 1 out of scope: 5 eligible carried by 2 respondents (the rejected one is a non-respondent).
    expect(w.byAssignment.get('a1')?.nonresponseFactor).toBeCloseTo(5 / 2, 12);
    expect(w.classes).toMatchObject([{ weightClass: 'V1', sampled: 6, ineligible: 1, respondents: 2 }]);
    expect(w.byAssignment.get('a2')).toMatchObject({ stratum: 'P:02', psu: 'D:D1' });
  });

  it('ignores the recorded selection when the household is the unit, and leaves a village with no interview out', () => {
    const w = drawWeights(draw, village, { certaintyUnits: 'collapse', adultSelection: 'none' });
    expect(w.byAssignment.get('a1')?.baseWeight).toBeCloseTo(1 / (0.2 * (6 / 50)), 10);
    const empty = drawWeights(draw, [state('a6', {})], { certaintyUnits: 'collapse', adultSelection: 'kish' });
    expect(empty.byAssignment.size).toBe(0);
    expect(empty.classes[0]?.factor).toBeNull();
  });
});
