// The weighting steps a round's design states, formatted for the results page: how one adult per household was
// chosen, and the non-response weighting classes (villages) with their factors.
import type { Lang } from '../../domain/errors.js';
import type { WeightingStatement } from '../../domain/results/round-design.js';
import { formatNumber } from '../i18n/index.js';

export interface WeightingView {
  adultSelection: WeightingStatement['adultSelection'];
  /** Smallest and largest factor, formatted ('–' before any interview). */
  range: string;
  classes: { code: string; sampled: string; ineligible: string; respondents: string; factor: string }[];
}

export function weightingView(w: WeightingStatement | null, lang: Lang): WeightingView | null {
  if (!w) return null;
  const factors = w.nonresponseClasses.flatMap((c) => (c.factor === null ? [] : [c.factor]));
  const fmt = (v: number): string => formatNumber(v, lang, 3);
  return {
    adultSelection: w.adultSelection,
    range: factors.length === 0 ? '–' : `${fmt(Math.min(...factors))} – ${fmt(Math.max(...factors))}`,
    classes: w.nonresponseClasses.map((c) => ({
      code: c.weightClass,
      sampled: formatNumber(c.sampled, lang, 0),
      ineligible: formatNumber(c.ineligible, lang, 0),
      respondents: formatNumber(c.respondents, lang, 0),
      factor: c.factor === null ? '–' : fmt(c.factor),
    })),
  };
}
