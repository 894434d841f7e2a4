// Frames on today's two-tier map (province > commune > village) beside the four-level frames of earlier rounds:
// the chain read from the rows or declared, plans with a stage per level, the draw with its certainty
// iteration, and weights with the collapsed-strata rule (issue 16).
import { describe, expect, it } from 'vitest';
import {
  baseWeights,
  createRng,
  defaultPlanFor,
  drawHouseholds,
  drawSample,
  fourLevelChain,
  papiDefaultPlan,
  planChainProblem,
  planSchema,
  twoTierChain,
  twoTierPlan,
  validateFrame,
} from '../../../src/domain/sampling/index.js';
import { completedPrimaries, householdLists, provinceLines, rowsOf, twoTierFrame, twoTierLines } from './support.js';

const errorsOf = (lines: string[], levels?: string[]) => {
  const { rows, columns } = rowsOf(lines);
  const result = validateFrame(rows, { columns, ...(levels ? { levels } : {}) });
  return result.ok ? [] : result.errors.map((e) => ({ line: e.line, code: e.code }));
};

describe('frames with a chain of levels', () => {
  it('reads the chain from the rows: two-tier today, four levels before July 2025', () => {
    const two = rowsOf(twoTierLines({ communes: 4, villages: 3 }));
    const four = rowsOf(provinceLines({ districts: 3, communes: 2, villages: 2 }));
    const a = validateFrame(two.rows, { columns: two.columns });
    const b = validateFrame(four.rows, { columns: four.columns });
    expect(a.ok && a.levels).toEqual(twoTierChain);
    expect(b.ok && b.levels).toEqual(fourLevelChain);
  });

  it('accepts a declared chain and refuses rows at a level it does not have, with their lines', () => {
    const lines = twoTierLines({ communes: 3, villages: 2 });
    expect(errorsOf(lines, ['province', 'commune', 'village'])).toEqual([]);
    const withDistrict = [...lines.slice(0, 2), 'district,D1,Huyện 1,P2,10,0', ...lines.slice(2)];
    expect(errorsOf(withDistrict, ['province', 'commune', 'village'])).toContainEqual({
      line: 3,
      code: 'level_not_in_chain',
    });
  });

  it('refuses a declared chain that is not one', () => {
    const lines = twoTierLines({ communes: 3, villages: 2 });
    for (const levels of [
      ['province', 'village'],
      ['commune', 'province', 'village'],
      ['province', 'hamlet'],
    ]) {
      expect(errorsOf(lines, levels)).toEqual([{ line: 1, code: 'invalid_chain' }]);
    }
  });

  it('refuses a village whose parent is not a commune, naming the chain', () => {
    const lines = twoTierLines({ communes: 3, villages: 2 });
    lines.push('village,VX,Thôn X,P2,100,0');
    const { rows, columns } = rowsOf(lines);
    const result = validateFrame(rows, { columns });
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.line === lines.length) : undefined;
    expect(problem).toMatchObject({ code: 'parent_wrong_level' });
    expect(problem?.message).toContain('province > commune > village');
  });

  it('refuses two chains in one file: communes under districts and communes under the province', () => {
    const four = provinceLines({ districts: 3, communes: 2, villages: 2 });
    const mixed = [...four, 'commune,CX,Xã X,P1,500,0', 'village,CXV1,Thôn 1,CX,500,1'];
    expect(errorsOf(mixed)).toContainEqual({ line: four.length + 1, code: 'parent_wrong_level' });
  });
});

describe('plans with a stage per level', () => {
  it('offers the plan that fits the chain and refuses one that does not', () => {
    expect(defaultPlanFor(twoTierChain)).toBe(twoTierPlan);
    expect(defaultPlanFor(fourLevelChain)).toBe(papiDefaultPlan);
    expect(planChainProblem(twoTierPlan, twoTierChain)).toBeNull();
    expect(planChainProblem(papiDefaultPlan, twoTierChain)).toMatch(/commune > village.*district > commune > village/);
    expect(() => drawSample(twoTierFrame({ communes: 20, villages: 4 }), papiDefaultPlan, 1)).toThrow(/does not fit/);
  });

  it('accepts named certainty units and a variance rule, and refuses an empty list', () => {
    const plan = planSchema.parse({
      ...twoTierPlan,
      stages: { ...twoTierPlan.stages, commune: { draw: 6, certainty: { units: ['X001', 'X002'] } } },
      variance: { certaintyUnits: 'exact' },
    });
    expect(plan.stages.commune.certainty).toEqual({ units: ['X001', 'X002'] });
    expect(
      planSchema.safeParse({
        ...twoTierPlan,
        stages: { ...twoTierPlan.stages, commune: { draw: 2, certainty: { units: [] } } },
      }).success,
    ).toBe(false);
  });
});

describe('the draw on a two-tier frame', () => {
  it('takes the seat ward with π = 1, a commune whose π reaches 1 as certain, and PPS for the rest', () => {
    // Commune 2 holds about a third of the province: 5 · size / Σ ≥ 1, so it becomes certain and the others
    // share the 4 remaining draws.
    const frame = twoTierFrame({ communes: 100, villages: 10, communePopulation: (k) => (k === 2 ? 150_000 : 3_000) });
    const draw = drawSample(frame, twoTierPlan, 2026);
    const communes = draw.units.filter((u) => u.level === 'commune');
    expect(communes).toHaveLength(6);
    expect(communes.find((u) => u.code === 'X001')).toMatchObject({ selectedAs: 'seat', pi: 1 });
    expect(communes.find((u) => u.code === 'X002')).toMatchObject({ selectedAs: 'certainty', pi: 1 });
    const others = frame.filter((u) => u.level === 'commune' && u.code !== 'X001' && u.code !== 'X002');
    const rest = others.reduce((s, u) => s + u.population, 0);
    for (const u of communes.filter((c) => c.selectedAs === 'pps')) expect(u.pi).toBeCloseTo((4 * 3_000) / rest, 12);
    expect(draw.units.filter((u) => u.level === 'village')).toHaveLength(12);
    for (const v of draw.units.filter((u) => u.level === 'village')) {
      const parent = communes.find((c) => c.code === v.parentCode);
      expect(v.piCumulative).toBeCloseTo((parent?.pi ?? 0) * v.pi, 15);
    }
  });

  it('takes the communes a plan names with π = 1', () => {
    const frame = twoTierFrame({ communes: 30, villages: 4 });
    const plan = planSchema.parse({
      ...twoTierPlan,
      stages: { ...twoTierPlan.stages, commune: { draw: 4, certainty: { units: ['X007', 'X011'] } } },
    });
    const communes = drawSample(frame, plan, 5).units.filter((u) => u.level === 'commune');
    expect(communes.filter((u) => u.selectedAs === 'named').map((u) => u.code)).toEqual(['X007', 'X011']);
    expect(communes).toHaveLength(4);
  });

  it('weights respondents and makes the seat ward a pseudo-stratum of two PSUs', () => {
    const frame = twoTierFrame({ communes: 40, villages: 5 });
    const draw = drawSample(frame, twoTierPlan, 11);
    const villages = draw.units.filter((u) => u.level === 'village');
    const lists = householdLists(
      villages.map((v) => v.code),
      () => 40,
    );
    const households = drawHouseholds(lists, twoTierPlan.household, createRng(11));
    const done = completedPrimaries(households, 16);
    const sampled = households.map((h) => ({ ...h, sampled: h.primaries.length }));
    const weighted = baseWeights({ draw, villages: sampled, completed: done });
    for (const w of weighted) {
      const v = villages.find((u) => u.code === w.villageCode);
      expect(w.weight).toBeCloseTo(1 / ((v?.piCumulative ?? 0) * (20 / 40)), 9);
      expect(w.districtCode).toBeNull();
    }
    expect(new Set(weighted.map((w) => w.stratum))).toEqual(new Set(['P:P2', 'C:X001']));
    expect(new Set(weighted.filter((w) => w.stratum === 'C:X001').map((w) => w.psu)).size).toBe(2);
    expect(new Set(weighted.filter((w) => w.stratum === 'P:P2').map((w) => w.psu)).size).toBe(5);
  });
});
