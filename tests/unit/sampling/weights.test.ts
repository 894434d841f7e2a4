// Base weights of a small hand-computed example (with the within-household factor), the weighting-class
// non-response adjustment and post-stratification on top of them, and the stratum/PSU design variables
// (ultimate clusters with certainty units as strata), on four-level and two-tier draws.
import { describe, expect, it } from 'vitest';
import { categorical, createDesign, postStratify } from '../../../src/domain/estimation/index.js';
import {
  baseWeights,
  createRng,
  drawHouseholds,
  drawSample,
  nonresponseAdjustment,
  papiDefaultPlan,
  selectionProbability,
  weightingOutcome,
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
  { villageCode: 'V0', eligible: 100, sampled: 20 },
  { villageCode: 'V8', eligible: 60, sampled: 12 },
  { villageCode: 'V9', eligible: 40, sampled: 8 },
  { villageCode: 'V1', eligible: 50, sampled: 10 },
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

  it('is 1 / (π_d π_c π_v · n_v / M) per completed respondent', () => {
    // V1: 1 / (0.5 · 1 · 0.4 · 10/50) = 25; V9: 1 / (1 · 0.25 · 1 · 8/40) = 20; V8: 1 / (0.5 · 12/60) = 10; V0:
    // 100/20 = 5.
    expect(first('V1')).toMatchObject({
      districtCode: 'D1',
      communeCode: 'C1',
      piStages: [0.5, 1, 0.4],
      piHousehold: 0.2,
      piWithinHousehold: 1,
      householdWeight: expect.closeTo(25, 10),
    });
    expect(first('V1')?.weight).toBeCloseTo(25, 10);
    expect(first('V9')?.weight).toBeCloseTo(20, 10);
    expect(first('V8')?.weight).toBeCloseTo(10, 10);
    expect(first('V0')?.weight).toBeCloseTo(5, 10);
    expect(weighted.map((w) => w.id)).toEqual(completed.map((c) => c.id));
  });

  it('uses the sampled households, not the completes: non-response is a later step', () => {
    const fewer = baseWeights({ draw, villages, completed: respondents('V1', 4) });
    expect(fewer[0]?.piHousehold).toBeCloseTo(10 / 50, 15);
    expect(fewer.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(4 * 25, 9);
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
    expect(one[1]?.householdWeight).toBeCloseTo(25, 10);
    // Kish's tables give line 3 of 5 adults a chance of 1/4: the factor is 4, not 5.
    const kish = baseWeights(
      {
        draw,
        villages,
        completed: [
          {
            id: 'k',
            villageCode: 'V1',
            householdId: 'h',
            eligibleAdults: 5,
            selectionProbability: selectionProbability('kish', 5, 3),
          },
        ],
      },
      { adultSelection: 'one_per_household' },
    );
    expect(kish[0]?.weight).toBeCloseTo(100, 9);
    const noAdults = [{ id: 'x', villageCode: 'V1', householdId: 'h' }];
    expect(() => baseWeights({ draw, villages, completed: noAdults }, { adultSelection: 'one_per_household' })).toThrow(
      /eligibleAdults/,
    );
  });

  it('refuses inconsistent input', () => {
    expect(() => baseWeights({ draw, villages, completed: respondents('V1', 11) })).toThrow(/only 10 sampled/);
    expect(() =>
      baseWeights({
        draw,
        villages: [{ villageCode: 'V1', eligible: 5, sampled: 6 }],
        completed: respondents('V1', 1),
      }),
    ).toThrow(/only 5 listed/);
    expect(() => baseWeights({ draw, villages: [], completed: respondents('V1', 1) })).toThrow(
      /no household list size/,
    );
    expect(() =>
      baseWeights({
        draw,
        villages: [{ villageCode: 'VX', eligible: 5, sampled: 1 }],
        completed: respondents('VX', 1),
      }),
    ).toThrow(/not a selected village/);
  });
});

describe('weights on a full PAPI draw', () => {
  it('gives every respondent 1 / (piCumulative · n_v / M); the capital district is one pseudo-stratum', () => {
    const frame = provinceFrame({ districts: 8, communes: 3, villages: 3 });
    const sample = drawSample(frame, papiDefaultPlan, 99);
    const selectedVillages = sample.units.filter((u) => u.level === 'village');
    const lists = householdLists(
      selectedVillages.map((v) => v.code),
      (k) => 30 + k,
    );
    const households = drawHouseholds(lists, papiDefaultPlan.household, createRng(99));
    const done = completedPrimaries(households, 16);
    const sampled = households.map((h) => ({ ...h, sampled: h.primaries.length }));
    const weighted = baseWeights({ draw: sample, villages: sampled, completed: done });
    expect(weighted).toHaveLength(12 * 16);
    for (const w of weighted) {
      const v = selectedVillages.find((u) => u.code === w.villageCode);
      const bigM = households.find((h) => h.villageCode === w.villageCode)?.eligible ?? 0;
      expect(w.weight).toBeCloseTo(1 / ((v?.piCumulative ?? 0) * (20 / bigM)), 9);
    }
    expect(new Set(weighted.map((w) => w.stratum))).toEqual(new Set(['P:P1', 'D:D02']));
    const capitalPsus = new Set(weighted.filter((w) => w.stratum === 'D:D02').map((w) => w.psu));
    expect(capitalPsus).toContain(`V:${selectedVillages.find((v) => v.piCumulative === 1)?.code}`);
    expect(capitalPsus.size).toBe(3);
  });
});

describe('weights from the household to the final weight, by hand', () => {
  // Village V1 (π_d = 0.5, π_c = 1, π_v = 0.4, M = 50) with n_v = 10 households sampled: 6 interviewed, 2
  // refusals, 1 still open and 1 out of scope. The household weight is 1 / (0.5 · 1 · 0.4 · 10/50) = 25.
  const outcomes = [
    ...Array.from({ length: 6 }, () => 'completed' as const),
    'refused' as const,
    'not_at_home_3_visits' as const,
    null,
    'ineligible' as const,
  ];
  const adults = [1, 2, 3, 1, 2, 3];
  const gender = ['1', '2', '1', '2', '1', '2'];
  const completed = adults.map((a, i) => ({ id: `r${i}`, villageCode: 'V1', householdId: `h${i}`, eligibleAdults: a }));
  const base = baseWeights(
    { draw, villages: [{ villageCode: 'V1', eligible: 50, sampled: 10 }], completed },
    { adultSelection: 'one_per_household' },
  );

  it('base weight = household weight × eligible adults', () => {
    expect(base.map((w) => w.weight)).toEqual([25, 50, 75, 25, 50, 75].map((x) => expect.closeTo(x, 10)));
  });

  it('non-response within the village: f = Σ d (9 eligible) / Σ d (6 respondents) = 1.5', () => {
    const [v1] = nonresponseAdjustment(
      outcomes.map((d) => ({ weightClass: 'V:V1', baseWeight: 25, outcome: weightingOutcome(d) })),
    );
    expect(v1).toMatchObject({ sampled: 10, ineligible: 1, eligible: 9, respondents: 6 });
    expect(v1?.factor).toBeCloseTo(1.5, 14);
    const adjusted = base.map((w) => w.weight * (v1?.factor ?? NaN));
    expect(adjusted).toEqual([37.5, 75, 112.5, 37.5, 75, 112.5].map((x) => expect.closeTo(x, 10)));
    // The respondents stand for the 9 eligible households: Σ household weight × f = 9 · 25.
    expect(6 * 25 * (v1?.factor ?? NaN)).toBeCloseTo(225, 10);
  });

  it('post-stratified to 300 men and 200 women: g = 300/225 and 200/225', () => {
    const adjusted = base.map((w) => w.weight * 1.5);
    const design = createDesign({
      weights: adjusted,
      strata: categorical(base.map(() => 'P:02')),
      psu: categorical(base.map((w) => w.psu + w.id)),
      lonelyPsu: 'adjust',
    });
    const calibrated = postStratify(design, {
      variable: 'gender',
      column: categorical(gender),
      totals: new Map([
        ['1', 300],
        ['2', 200],
      ]),
    });
    expect([...calibrated.weights]).toEqual([50, 200 / 3, 150, 100 / 3, 100, 100].map((x) => expect.closeTo(x, 10)));
    expect([...calibrated.weights].reduce((a, b) => a + b, 0)).toBeCloseTo(500, 10);
  });

  it('a class without respondents has no factor, and a non-positive base weight is refused', () => {
    const [none] = nonresponseAdjustment([{ weightClass: 'V:V9', baseWeight: 20, outcome: 'nonrespondent' }]);
    expect(none?.factor).toBeNull();
    expect(() => nonresponseAdjustment([{ weightClass: 'V:V9', baseWeight: 0, outcome: 'respondent' }])).toThrow(
      /positive/,
    );
  });
});
