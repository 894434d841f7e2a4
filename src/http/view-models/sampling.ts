// View models for the sampling pages: a frame's summary, the draw as a district > commune > village tree with
// probabilities, and the plan form's fields.
import type { Lang } from '../../domain/errors.js';
import type { FrameUnit, SamplingPlan } from '../../domain/sampling/index.js';
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
  const depth = { district: 0, commune: 1, village: 2 } as const;
  return stored.draw.units.map((u) => ({
    level: u.level,
    code: u.code,
    name: u.name,
    depth: depth[u.level],
    certainty: u.certainty,
    pi: formatNumber(u.pi, lang, 4),
    piCumulative: formatNumber(u.piCumulative, lang, 4),
    households: villages.get(u.code)?.households ?? 0,
    surveyor: villages.get(u.code)?.surveyor ?? null,
  }));
}

/** The frame page's summary: its province and how many units it has at each level below. */
export function frameSummary(units: readonly FrameUnit[]): {
  province: FrameUnit | undefined;
  counts: Record<'district' | 'commune' | 'village', number>;
} {
  const count = (level: FrameUnit['level']): number => units.filter((u) => u.level === level).length;
  return {
    province: units.find((u) => u.level === 'province'),
    counts: { district: count('district'), commune: count('commune'), village: count('village') },
  };
}

/** Flat form fields of a plan (and back), so the admin form needs no script. */
export function planFormValues(plan: SamplingPlan): Record<string, string> {
  const s = plan.stages;
  return {
    district_draw: String(s.district.draw),
    district_certainty: s.district.certainty,
    district_big_population: String(s.district.drawIfPopulationAtLeast?.population ?? ''),
    district_big_draw: String(s.district.drawIfPopulationAtLeast?.draw ?? ''),
    commune_draw: String(s.commune.draw),
    commune_certainty: s.commune.certainty,
    village_draw: String(s.village.draw),
    village_certainty: s.village.certainty,
    respondents: String(plan.household.respondents),
    reserves: String(plan.household.reserves),
    min_age: String(plan.household.minAge),
    max_age: String(plan.household.maxAge),
  };
}

export function planFromForm(form: Record<string, unknown>): unknown {
  const num = (key: string): number | undefined => {
    const v = form[key];
    return typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined;
  };
  const bigPopulation = num('district_big_population');
  const bigDraw = num('district_big_draw');
  return {
    stages: {
      district: {
        draw: num('district_draw'),
        certainty: form['district_certainty'],
        ...(bigPopulation !== undefined && bigDraw !== undefined
          ? { drawIfPopulationAtLeast: { population: bigPopulation, draw: bigDraw } }
          : {}),
      },
      commune: { draw: num('commune_draw'), certainty: form['commune_certainty'] },
      village: { draw: num('village_draw'), certainty: form['village_certainty'] },
    },
    household: {
      respondents: num('respondents'),
      reserves: num('reserves'),
      minAge: num('min_age'),
      maxAge: num('max_age'),
    },
  };
}
