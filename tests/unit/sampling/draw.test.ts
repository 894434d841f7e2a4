// The plan schema and the multistage area draw: the PAPI default on a synthetic province (3 or 6 districts),
// π per stage and cumulated, reproducibility from the seed, and a simulation of unconditional π.
import { describe, expect, it } from 'vitest';
import {
  districtsToDraw,
  drawSample,
  papiDefaultPlan,
  planSchema,
  ppsInclusionProbabilities,
  stageDrawCount,
} from '../../../src/domain/sampling/index.js';
import type { FrameUnit, SamplingPlan, SelectedUnit } from '../../../src/domain/sampling/index.js';
import { provinceFrame } from './support.js';

describe('plan', () => {
  it('PAPI default: 3 districts, 6 from 2,000,000 people; 2 communes, 2 villages; 20 + 10 aged 18-70', () => {
    expect(planSchema.parse(papiDefaultPlan)).toEqual(papiDefaultPlan);
    expect(districtsToDraw(papiDefaultPlan, 1_999_999)).toBe(3);
    expect(districtsToDraw(papiDefaultPlan, 2_000_000)).toBe(6);
    expect(stageDrawCount(papiDefaultPlan.stages.commune, 9_000_000)).toBe(2);
    expect(papiDefaultPlan.household).toEqual({
      respondents: 20,
      reserves: 10,
      minAge: 18,
      maxAge: 70,
      selection: 'kish',
    });
    expect(papiDefaultPlan.stages.village.certainty).toBe('seat');
  });

  it('rejects a malformed plan with the path of the problem', () => {
    const bad = planSchema.safeParse({
      ...papiDefaultPlan,
      stages: { ...papiDefaultPlan.stages, commune: { draw: 0, certainty: 'seat' } },
      household: { respondents: 20, reserves: 10, minAge: 71, maxAge: 70 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['household.maxAge', 'stages.commune.draw']);
    expect(planSchema.safeParse({ ...papiDefaultPlan, extra: 1 }).success).toBe(false);
  });
});

const byLevel = (units: readonly SelectedUnit[], level: string): SelectedUnit[] =>
  units.filter((u) => u.level === level);
const unitOf = (frame: readonly FrameUnit[], code: string): FrameUnit => {
  const unit = frame.find((u) => u.code === code);
  if (unit === undefined) throw new Error(`no unit ${code}`);
  return unit;
};

/** The π a non-seat unit should have: PPS of (n − 1) among its parent's non-seat children, iterated. */
function expectedPi(frame: readonly FrameUnit[], unit: FrameUnit, n: number): number {
  if (unit.isSeat) return 1;
  const others = frame.filter((u) => u.parentCode === unit.parentCode && !u.isSeat);
  return (
    ppsInclusionProbabilities(
      others.map((u) => u.population),
      n - 1,
    )[others.indexOf(unit)] ?? Number.NaN
  );
}

function checkPapiDraw(frame: readonly FrameUnit[], districts: number): void {
  const { units } = drawSample(frame, papiDefaultPlan, 20250601);
  const ds = byLevel(units, 'district');
  expect(ds).toHaveLength(districts);
  expect(ds.filter((d) => d.certainty).map((d) => [d.code, d.selectedAs, d.pi])).toEqual([['D02', 'seat', 1]]);
  expect(byLevel(units, 'commune')).toHaveLength(2 * districts);
  expect(byLevel(units, 'village')).toHaveLength(4 * districts);
  const parentPi = new Map<string, number>([['P1', 1]]);
  for (const u of units) {
    const siblings = units.filter((s) => s.parentCode === u.parentCode);
    if (u.level !== 'district') expect(siblings).toHaveLength(2);
    expect(siblings.filter((s) => s.selectedAs === 'seat')).toHaveLength(1);
    const frameUnit = unitOf(frame, u.code);
    expect(u.parentCode).toBe(frameUnit.parentCode);
    expect(u.pi).toBeCloseTo(expectedPi(frame, frameUnit, u.level === 'district' ? districts : 2), 12);
    expect(u.certainty).toBe(u.pi === 1);
    expect(u.piCumulative).toBeCloseTo((parentPi.get(u.parentCode) ?? Number.NaN) * u.pi, 15);
    parentPi.set(u.code, u.piCumulative);
  }
}

describe('drawSample with the PAPI default plan', () => {
  it('draws 3 districts (capital certain), 2 communes per district and 2 villages per commune (seats certain)', () => {
    checkPapiDraw(provinceFrame({ districts: 10, communes: 4, villages: 4, provincePopulation: 1_500_000 }), 3);
  });

  it('draws 6 districts when the province has 2,000,000 people or more', () => {
    checkPapiDraw(provinceFrame({ districts: 10, communes: 4, villages: 4, provincePopulation: 2_000_000 }), 6);
  });

  it('lists units in tree order, frame order within each parent', () => {
    const frame = provinceFrame({ districts: 10, communes: 4, villages: 4 });
    const { units } = drawSample(frame, papiDefaultPlan, 7);
    const position = new Map(frame.map((u, i) => [u.code, i]));
    const codes = units.map((u) => u.code);
    expect([...codes].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))).toEqual(codes);
    expect(units[0]?.level).toBe('district');
    expect(units[1]?.level).toBe('commune');
    expect(units[1]?.parentCode).toBe(units[0]?.code);
    expect(units[2]?.level).toBe('village');
  });

  it('takes every child, each with π = 1, when a parent has no more children than the stage draws', () => {
    const frame = provinceFrame({ districts: 3, communes: 2, villages: 1 });
    const { units } = drawSample(frame, papiDefaultPlan, 1);
    expect(units).toHaveLength(3 + 6 + 6);
    expect(units.every((u) => u.pi === 1 && u.piCumulative === 1 && u.certainty)).toBe(true);
    expect(units.filter((u) => u.selectedAs === 'certainty')).toHaveLength(2 + 3);
  });

  it('draws PPS among all children when the stage has no certainty rule', () => {
    const frame = provinceFrame({ districts: 6, communes: 3, villages: 3 });
    const plan: SamplingPlan = {
      ...papiDefaultPlan,
      stages: { ...papiDefaultPlan.stages, district: { draw: 2, certainty: 'none' } },
    };
    const ds = byLevel(drawSample(frame, plan, 3).units, 'district');
    const all = frame.filter((u) => u.level === 'district');
    const pi = ppsInclusionProbabilities(
      all.map((u) => u.population),
      2,
    );
    expect(ds).toHaveLength(2);
    for (const d of ds) expect(d.pi).toBe(pi[all.findIndex((u) => u.code === d.code)]);
  });
});

describe('reproducibility', () => {
  const frame = provinceFrame({ districts: 10, communes: 4, villages: 4 });

  it('gives byte-identical output for the same frame, plan and seed (numeric or its decimal text)', () => {
    const a = JSON.stringify(drawSample(frame, papiDefaultPlan, 424242));
    expect(JSON.stringify(drawSample(frame, papiDefaultPlan, 424242))).toBe(a);
    const fromText = drawSample(frame, papiDefaultPlan, '424242');
    expect(fromText.seed).toBe('424242');
    expect(fromText.units).toEqual(drawSample(frame, papiDefaultPlan, 424242).units);
    expect(drawSample(frame, papiDefaultPlan, 'Hà Giang 2025')).toEqual(
      drawSample(frame, papiDefaultPlan, 'Hà Giang 2025'),
    );
  });

  it('gives a different PPS draw for a different seed', () => {
    const codes = (seed: number): string =>
      drawSample(frame, papiDefaultPlan, seed)
        .units.map((u) => u.code)
        .join(' ');
    expect(codes(1)).not.toBe(codes(2));
    const distinct = new Set(Array.from({ length: 20 }, (_, i) => codes(100 + i)));
    expect(distinct.size).toBeGreaterThanOrEqual(19);
  });
});

describe('simulation of the multistage draw', () => {
  it('selects every village with frequency equal to its cumulated π over 5,000 seeds (within 4 SE)', () => {
    const frame = provinceFrame({ districts: 6, communes: 3, villages: 3 });
    const villages = frame.filter((u) => u.level === 'village');
    const piOf = (u: FrameUnit): number => {
      if (u.parentCode === 'P1') return expectedPi(frame, u, 3);
      return expectedPi(frame, u, 2) * piOf(unitOf(frame, u.parentCode ?? ''));
    };
    const counts = new Map<string, number>();
    const draws = 5000;
    for (let seed = 1; seed <= draws; seed++) {
      for (const u of drawSample(frame, papiDefaultPlan, seed).units) {
        if (u.level === 'village') counts.set(u.code, (counts.get(u.code) ?? 0) + 1);
      }
    }
    for (const v of villages) {
      const pi = piOf(v);
      const frequency = (counts.get(v.code) ?? 0) / draws;
      if (pi === 1) expect(frequency).toBe(1);
      else expect(Math.abs(frequency - pi)).toBeLessThanOrEqual(4 * Math.sqrt((pi * (1 - pi)) / draws));
    }
  });
});
