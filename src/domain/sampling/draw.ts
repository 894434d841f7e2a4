// The multistage area draw: districts, then communes in each selected district, then villages in each
// selected commune; seats with certainty, the rest by systematic PPS on population, all from one seeded stream.
import type { FrameLevel, FrameUnit } from './frame.js';
import { stageDrawCount } from './plan.js';
import type { AreaStage, AreaStageLevel, SamplingPlan } from './plan.js';
import { systematicPps } from './pps.js';
import { createRng } from './prng.js';
import type { Rng, Seed } from './prng.js';

/** How a unit came into the sample: the seat rule, the iterative certainty rule (π reached 1), or PPS. */
export type SelectionReason = 'seat' | 'certainty' | 'pps';

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
  /** Unconditional inclusion probability: the product of pi from the district stage down to this unit. */
  piCumulative: number;
}

export interface SampleDraw {
  seed: Seed;
  province: { code: string; name: string; population: number };
  /**
   * Tree order: each district, then its communes, each commune followed by its villages; frame order within a parent.
   */
  units: SelectedUnit[];
}

const nextLevel: Record<AreaStageLevel, AreaStageLevel | null> = {
  district: 'commune',
  commune: 'village',
  village: null,
};

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

/**
 * One stage under one parent: the seat (when the stage says so) with π = 1, then n − 1 (or n) more by
 * systematic PPS among the other children. For those, π = (n − s − c) · size / Σ size over the children that
 * are neither the seat nor certain, iterated as in `ppsInclusionProbabilities` (s = 1 with a seat rule, else 0).
 */
function selectChildren(parent: FrameUnit, children: readonly FrameUnit[], stage: AreaStage, rng: Rng): Chosen[] {
  const n = stageDrawCount(stage, parent.population);
  const seat = stage.certainty === 'seat' ? children.find((c) => c.isSeat) : undefined;
  if (stage.certainty === 'seat' && seat === undefined && children.length > 0) {
    throw new Error(`${parent.level} "${parent.code}" has no seat child; validate the frame with validateFrame`);
  }
  const others = children.filter((c) => c !== seat);
  const picks = systematicPps(
    others.map((c) => c.population),
    Math.max(0, n - (seat === undefined ? 0 : 1)),
    rng,
  );
  const chosen = new Map<FrameUnit, Chosen>();
  if (seat !== undefined && n > 0) chosen.set(seat, { unit: seat, pi: 1, selectedAs: 'seat' });
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
 * Draws the area sample of a validated frame under a plan (parse plans from storage with `planSchema`).
 * The stream is used in a fixed order: one number for the district stage, then, depth first in frame order,
 * one for each selected district's commune stage and one for each selected commune's village stage. The
 * same frame, plan and seed therefore give an identical result; a different seed gives another PPS draw.
 * @example
 *   const { units } = drawSample(frame, papiDefaultPlan, 20250601);
 *   units[0] // { level: 'district', code: '024', certainty: true, selectedAs: 'seat', pi: 1, piCumulative: 1, ... }
 */
export function drawSample(frame: readonly FrameUnit[], plan: SamplingPlan, seed: Seed): SampleDraw {
  const { province, children } = indexFrame(frame);
  const rng = createRng(seed);
  const units: SelectedUnit[] = [];

  const visit = (parent: FrameUnit, parentPi: number, level: AreaStageLevel): void => {
    const kids = (children.get(parent.code) ?? []).filter((c) => c.level === (level as FrameLevel));
    for (const { unit, pi, selectedAs } of selectChildren(parent, kids, plan.stages[level], rng)) {
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
      const below = nextLevel[level];
      if (below !== null) visit(unit, piCumulative, below);
    }
  };

  visit(province, 1, 'district');
  return { seed, province: { code: province.code, name: province.name, population: province.population }, units };
}
