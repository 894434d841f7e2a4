// View models for the sampling pages: the frame's facts, the draw as a tree down the frame's chain (district >
// commune > village, or commune > village) with probabilities, and the plan form's fields.
import type { Lang } from '../../domain/errors.js';
import {
  certaintyRule,
  respondentSelectionRule,
  chainOfUnits,
  planLevels,
  type AreaStage,
  type FrameLevel,
  type FrameUnit,
  type SamplingPlan,
} from '../../domain/sampling/index.js';
import { formatNumber } from '../i18n/index.js';
import type { StoredDraw } from '../../services/sampling/frames-and-draws.js';

export interface DrawUnitView {
  level: string;
  code: string;
  name: string;
  depth: number;
  certainty: boolean;
  pi: string;
  piCumulative: string;
  households: number;
  surveyor: string | null;
}

export function drawUnitsView(
  stored: StoredDraw,
  lang: Lang,
  villages: ReadonlyMap<string, { households: number; surveyor: string | null }>,
): DrawUnitView[] {
  const chain = chainOfUnits(stored.draw.units);
  return stored.draw.units.map((u) => ({
    level: u.level,
    code: u.code,
    name: u.name,
    depth: chain.indexOf(u.level),
    certainty: u.certainty,
    pi: formatNumber(u.pi, lang, 4),
    piCumulative: formatNumber(u.piCumulative, lang, 4),
    households: villages.get(u.code)?.households ?? 0,
    surveyor: villages.get(u.code)?.surveyor ?? null,
  }));
}

const stageLevels = ['district', 'commune', 'village'] as const;

/** The frame page's facts: the province, the chain, and the number of units at each level below it. */
export function frameView(units: readonly FrameUnit[]): {
  province: FrameUnit | undefined;
  stages: FrameLevel[];
  counts: Record<string, number>;
} {
  const counts: Record<string, number> = {};
  for (const u of units) counts[u.level] = (counts[u.level] ?? 0) + 1;
  return { province: units.find((u) => u.level === 'province'), stages: chainOfUnits(units).slice(1), counts };
}

/** Flat form fields of a plan (and back), so the admin form needs no script. Only the plan's own stages. */
export function planFormValues(plan: SamplingPlan): Record<string, string> {
  const fields: Record<string, string> = {
    respondents: String(plan.household.respondents),
    reserves: String(plan.household.reserves),
    min_age: String(plan.household.minAge),
    max_age: String(plan.household.maxAge),
    selection: respondentSelectionRule(plan),
    certainty_units: certaintyRule(plan),
  };
  for (const level of planLevels(plan)) {
    const stage = plan.stages[level] as AreaStage;
    const c = stage.certainty;
    fields[`${level}_draw`] = String(stage.draw);
    fields[`${level}_certainty`] = typeof c === 'string' ? c : 'named';
    fields[`${level}_units`] = typeof c === 'string' ? '' : c.units.join(' ');
    fields[`${level}_big_population`] = String(stage.drawIfPopulationAtLeast?.population ?? '');
    fields[`${level}_big_draw`] = String(stage.drawIfPopulationAtLeast?.draw ?? '');
  }
  return fields;
}

export function planFromForm(form: Record<string, unknown>): unknown {
  const num = (key: string): number | undefined => {
    const v = form[key];
    return typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined;
  };
  const text = (key: string): string => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');
  const stage = (level: string): unknown => {
    const bigPopulation = num(`${level}_big_population`);
    const bigDraw = num(`${level}_big_draw`);
    const certainty = form[`${level}_certainty`];
    return {
      draw: num(`${level}_draw`),
      certainty:
        certainty === 'named'
          ? {
              units: text(`${level}_units`)
                .split(/[\s,;]+/)
                .filter(Boolean),
            }
          : certainty,
      ...(bigPopulation !== undefined && bigDraw !== undefined
        ? { drawIfPopulationAtLeast: { population: bigPopulation, draw: bigDraw } }
        : {}),
    };
  };
  const variance = text('certainty_units');
  return {
    stages: Object.fromEntries(stageLevels.filter((l) => form[`${l}_draw`] !== undefined).map((l) => [l, stage(l)])),
    household: {
      respondents: num('respondents'),
      reserves: num('reserves'),
      minAge: num('min_age'),
      maxAge: num('max_age'),
      ...(text('selection') === '' ? {} : { selection: text('selection') }),
    },
    ...(variance === '' ? {} : { variance: { certaintyUnits: variance } }),
  };
}
