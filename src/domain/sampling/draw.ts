// The multistage area draw down the frame's chain: the first stage in the province (districts, or communes on
// today's two-tier map), then each next level within every selected unit; certainty units first, the rest by
// systematic PPS on population, all from one seeded stream.
import { chainOfUnits, type FrameUnit } from './frame.js';
import { planChainProblem, stageDrawCount } from './plan.js';
import type { AreaStage, AreaStageLevel, SamplingPlan } from './plan.js';
import { systematicPps } from './pps.js';
import { createRng } from './prng.js';
import type { Rng, Seed } from './prng.js';

/**
 * How a unit came into the sample: the seat rule, named in the plan, the iterative certainty rule (π reached
 * 1), or PPS.
 */
export type SelectionReason = 'seat' | 'named' | 'certainty' | 'pps';

export interface SelectedUnit {
  level: AreaStageLevel;
  code: string;
  name: string;
  parentCode: string;
  population: number;
  /** true when pi = 1 (a seat, a unit whose π reached 1, or every child taken). */
  certainty: boolean;
  selectedAs: SelectionReason;
  /** Probability of selection at its own stage, given that its parent is selected. */
  pi: number;
  /** Unconditional inclusion probability: the product of pi from the first stage down to this unit. */
  piCumulative: number;
}

export interface SampleDraw {
  seed: Seed;
  province: { code: string; name: string; population: number };
  /** Tree order: each first-stage unit followed by the units selected within it; frame order within a parent. */
  units: SelectedUnit[];
}

interface FrameIndex {
  province: FrameUnit;
  children: ReadonlyMap<string, FrameUnit[]>;
}

function indexFrame(frame: readonly FrameUnit[]): FrameIndex {
  const provinces = frame.filter((u) => u.level === 'province');
  const province = provinces[0];
  if (province === undefined || provinces.length > 1) {
    throw new Error(
      `A frame must hold exactly one province, found ${provinces.length}; validate it with validateFrame`,
    );
  }
  const children = new Map<string, FrameUnit[]>();
  for (const unit of frame) {
    if (unit.parentCode === null) continue;
    const list = children.get(unit.parentCode) ?? [];
    list.push(unit);
    children.set(unit.parentCode, list);
  }
  return { province, children };
}

interface Chosen {
  unit: FrameUnit;
  pi: number;
  selectedAs: SelectionReason;
}

/** The children a stage takes with π = 1 before its PPS draw, and why. */
function certainChildren(
  parent: FrameUnit,
  children: readonly FrameUnit[],
  stage: AreaStage,
): { units: FrameUnit[]; reason: SelectionReason } {
  if (stage.certainty === 'none') return { units: [], reason: 'seat' };
  if (stage.certainty === 'seat') {
    const seat = children.find((c) => c.isSeat);
    if (seat === undefined && children.length > 0) {
      throw new Error(`${parent.level} "${parent.code}" has no seat child; validate the frame with validateFrame`);
    }
    return { units: seat === undefined ? [] : [seat], reason: 'seat' };
  }
  const named = new Set(stage.certainty.units);
  return { units: children.filter((c) => named.has(c.code)), reason: 'named' };
}

/**
 * One stage under one parent: its certainty units (the seat, or units the plan names) with π = 1, then the
 * rest of n by systematic PPS among the other children. For those, π = (n − s − c) · size / Σ size over the
 * children that are neither named nor certain, iterated as in `ppsInclusionProbabilities` (s certainty units).
 */
function selectChildren(parent: FrameUnit, children: readonly FrameUnit[], stage: AreaStage, rng: Rng): Chosen[] {
  const n = stageDrawCount(stage, parent.population);
  const certain = certainChildren(parent, children, stage);
  const taken = certain.units.slice(0, n);
  const others = children.filter((c) => !taken.includes(c));
  const picks = systematicPps(
    others.map((c) => c.population),
    Math.max(0, n - taken.length),
    rng,
  );
  const chosen = new Map<FrameUnit, Chosen>();
  for (const unit of taken) chosen.set(unit, { unit, pi: 1, selectedAs: certain.reason });
  for (const pick of picks) {
    const unit = others[pick.index] as FrameUnit;
    chosen.set(unit, { unit, pi: pick.pi, selectedAs: pick.certain ? 'certainty' : 'pps' });
  }
  return children.flatMap((c) => {
    const hit = chosen.get(c);
    return hit === undefined ? [] : [hit];
  });
}

/**
 * Draws the area sample of a validated frame under a plan whose stages match the frame's chain (check with
 * `planChainProblem`; parse plans from storage with `planSchema`). The stream is used in a fixed order: one
 * number for the first stage, then, depth first in frame order, one for each selected unit's next stage. The
 * same frame, plan and seed therefore give an identical result; a different seed gives another PPS draw.
 * @example
 *   const { units } = drawSample(frame, papiDefaultPlan, 20250601);
 *   units[0] // { level: 'district', code: '024', certainty: true, selectedAs: 'seat', pi: 1, piCumulative: 1, ... }
 */
export function drawSample(frame: readonly FrameUnit[], plan: SamplingPlan, seed: Seed): SampleDraw {
  const { province, children } = indexFrame(frame);
  const chain = chainOfUnits(frame);
  const problem = planChainProblem(plan, chain);
  if (problem !== null) throw new Error(`The plan does not fit the frame: ${problem}`);
  const stages = chain.slice(1) as AreaStageLevel[];
  const rng = createRng(seed);
  const units: SelectedUnit[] = [];

  const visit = (parent: FrameUnit, parentPi: number, depth: number): void => {
    const level = stages[depth] as AreaStageLevel;
    const kids = (children.get(parent.code) ?? []).filter((c) => c.level === level);
    for (const { unit, pi, selectedAs } of selectChildren(parent, kids, plan.stages[level] as AreaStage, rng)) {
      const piCumulative = parentPi * pi;
      units.push({
        level,
        code: unit.code,
        name: unit.name,
        parentCode: parent.code,
        population: unit.population,
        certainty: pi === 1,
        selectedAs,
        pi,
        piCumulative,
      });
      if (depth + 1 < stages.length) visit(unit, piCumulative, depth + 1);
    }
  };

  visit(province, 1, 0);
  return { seed, province: { code: province.code, name: province.name, population: province.population }, units };
}
