// Base weights of a small hand-computed example, the within-village non-response adjustment, and the
// stratum/PSU design variables (ultimate clusters with certainty units as strata), on four-level and two-tier
// draws.
import { describe, expect, it } from 'vitest';
import {
  baseWeights,
  createRng,
  drawHouseholds,
  drawSample,
  papiDefaultPlan,
} from '../../../src/domain/sampling/index.js';
import type { CompletedRespondent, SelectedUnit } from '../../../src/domain/sampling/index.js';
import { completedPrimaries, householdLists, provinceFrame } from './support.js';

function unit(level: SelectedUnit['level'], code: string, parentCode: string, pi: number, parentPi = 1): SelectedUnit {
  return {
    level,
    code,
    name: code,
    parentCode,
    population: 1000,
    certainty: pi === 1,
    selectedAs: pi === 1 ? 'seat' : 'pps',
    pi,
    piCumulative: parentPi * pi,
  };
}

/** Capital D0 (certain) with seat commune C0 (villages V0 seat, V8 PPS 0.5) and PPS commune C9 (0.25; seat V9);
 * PPS district D1 (0.5) with seat commune C1 and PPS village V1 (0.4). */
const draw = {
  province: { code: '02', name: 'Hà Giang', population: 850_000 },
  units: [
    unit('district', 'D0', '02', 1),
    unit('commune', 'C0', 'D0', 1),
    unit('village', 'V0', 'C0', 1),
    unit('village', 'V8', 'C0', 0.5),
    unit('commune', 'C9', 'D0', 0.25),
    unit('village', 'V9', 'C9', 1, 0.25),
    unit('district', 'D1', '02', 0.5),
    unit('commune', 'C1', 'D1', 1, 0.5),
    unit('village', 'V1', 'C1', 0.4, 0.5),
  ],
};
const villages = [
  { villageCode: 'V0', eligible: 100 },
  { villageCode: 'V8', eligible: 60 },
  { villageCode: 'V9', eligible: 40 },
  { villageCode: 'V1', eligible: 50 },
];
const respondents = (villageCode: string, count: number): CompletedRespondent[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${villageCode}-${i + 1}`,
    villageCode,
    householdId: `h${i + 1}`,
    eligibleAdults: 1 + (i % 3),
  }));
const completed = [
  ...respondents('V0', 20),
  ...respondents('V8', 12),
  ...respondents('V9', 8),
  ...respondents('V1', 10),
];

describe('baseWeights', () => {
  const weighted = baseWeights({ draw, villages, completed });
  const first = (villageCode: string) => weighted.find((w) => w.villageCode === villageCode);

  it('is 1 / (π_d π_c π_v · m_c / M) per completed respondent', () => {
    // V1: 1 / (0.5 · 1 · 0.4 · 10/50) = 25; V9: 1 / (1 · 0.25 · 1 · 8/40) = 20; V8: 1 / (0.5 · 12/60) = 10; V0:
    // 100/20 = 5.
    expect(first('V1')).toMatchObject({
      districtCode: 'D1',
      communeCode: 'C1',
      piStages: [0.5, 1, 0.4],
      piHousehold: 0.2,
      piWithinHousehold: 1,
    });
    expect(first('V1')?.weight).toBeCloseTo(25, 10);
    expect(first('V9')?.weight).toBeCloseTo(20, 10);
    expect(first('V8')?.weight).toBeCloseTo(10, 10);
    expect(first('V0')?.weight).toBeCloseTo(5, 10);
    expect(weighted.map((w) => w.id)).toEqual(completed.map((c) => c.id));
  });

  it('spreads non-response over the village: weights sum to M / (π_d π_c π_v) whatever the number of completes', () => {
    const fewer = baseWeights({ draw, villages, completed: respondents('V1', 4) });
    expect(fewer[0]?.piHousehold).toBeCloseTo(4 / 50, 15);
    expect(fewer.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(50 / 0.2, 9);
    const sumV1 = weighted.filter((w) => w.villageCode === 'V1').reduce((s, w) => s + w.weight, 0);
    expect(sumV1).toBeCloseTo(250, 9);
  });

  it('collapses by default: a top-most certainty unit is one pseudo-stratum, a village certain all the way down one PSU', () => {
    expect([first('V1')?.stratum, first('V1')?.psu]).toEqual(['P:02', 'D:D1']);
    expect([first('V9')?.stratum, first('V9')?.psu]).toEqual(['D:D0', 'C:C9']);
    expect([first('V8')?.stratum, first('V8')?.psu]).toEqual(['D:D0', 'V:V8']);
    expect([first('V0')?.stratum, first('V0')?.psu]).toEqual(['D:D0', 'V:V0']);
    expect(new Set(weighted.filter((w) => w.stratum === 'D:D0').map((w) => w.psu))).toEqual(
      new Set(['C:C9', 'V:V8', 'V:V0']),
    );
  });

  it("with the 'exact' rule, a certainty unit is the stratum of its PSUs and a certain village's households are PSUs", () => {
    const exact = baseWeights({ draw, villages, completed }, { certaintyUnits: 'exact' });
    const at = (v: string) => exact.find((w) => w.villageCode === v);
    expect([at('V1')?.stratum, at('V1')?.psu]).toEqual(['P:02', 'D:D1']);
    expect([at('V9')?.stratum, at('V9')?.psu]).toEqual(['D:D0', 'C:C9']);
    expect([at('V8')?.stratum, at('V8')?.psu]).toEqual(['C:C0', 'V:V8']);
    expect([at('V0')?.stratum, at('V0')?.psu]).toEqual(['V:V0', 'H:V0:h1']);
    expect(new Set(exact.filter((w) => w.villageCode === 'V0').map((w) => w.psu)).size).toBe(20);
    expect(exact.map((w) => w.weight)).toEqual(weighted.map((w) => w.weight));
  });

  it('multiplies by the eligible adults when one adult per household is selected', () => {
    const one = baseWeights(
      { draw, villages, completed: respondents('V1', 10) },
      { adultSelection: 'one_per_household' },
    );
    expect(one.slice(0, 3).map((w) => w.weight)).toEqual([1, 2, 3].map((a) => expect.closeTo(25 * a, 9)));
    expect(one[1]?.piWithinHousehold).toBe(0.5);
    const noAdults = [{ id: 'x', villageCode: 'V1', householdId: 'h' }];
    expect(() => baseWeights({ draw, villages, completed: noAdults }, { adultSelection: 'one_per_household' })).toThrow(
      /eligibleAdults/,
    );
  });

  it('refuses inconsistent input', () => {
    expect(() => baseWeights({ draw, villages, completed: respondents('V1', 51) })).toThrow(/only 50 listed/);
    expect(() => baseWeights({ draw, villages: [], completed: respondents('V1', 1) })).toThrow(
      /no household list size/,
    );
    expect(() =>
      baseWeights({ draw, villages: [{ villageCode: 'VX', eligible: 5 }], completed: respondents('VX', 1) }),
    ).toThrow(/not a selected village/);
  });
});

describe('weights on a full PAPI draw', () => {
  it('gives every respondent 1 / (piCumulative · m_c / M); the capital district is one pseudo-stratum', () => {
    const frame = provinceFrame({ districts: 8, communes: 3, villages: 3 });
    const sample = drawSample(frame, papiDefaultPlan, 99);
    const selectedVillages = sample.units.filter((u) => u.level === 'village');
    const lists = householdLists(
      selectedVillages.map((v) => v.code),
      (k) => 30 + k,
    );
    const households = drawHouseholds(lists, papiDefaultPlan.household, createRng(99));
    const done = completedPrimaries(households, 16);
    const weighted = baseWeights({ draw: sample, villages: households, completed: done });
    expect(weighted).toHaveLength(12 * 16);
    for (const w of weighted) {
      const v = selectedVillages.find((u) => u.code === w.villageCode);
      const bigM = households.find((h) => h.villageCode === w.villageCode)?.eligible ?? 0;
      expect(w.weight).toBeCloseTo(1 / ((v?.piCumulative ?? 0) * (16 / bigM)), 9);
    }
    expect(new Set(weighted.map((w) => w.stratum))).toEqual(new Set(['P:P1', 'D:D02']));
    const capitalPsus = new Set(weighted.filter((w) => w.stratum === 'D:D02').map((w) => w.psu));
    expect(capitalPsus).toContain(`V:${selectedVillages.find((v) => v.piCumulative === 1)?.code}`);
    expect(capitalPsus.size).toBe(3);
  });
});
