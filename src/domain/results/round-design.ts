// The variance design of a round, in one place for the results pages and the microdata export: each response's
// weight, stratum and PSU, the fpc where the round has one, and what the page states about it (the design in
// force, strata, PSUs, degrees of freedom, the lonely-PSU rule and the strata it applies to).
import {
  categorical,
  createDesign,
  degreesOfFreedom,
  type LonelyPsuRule,
  type SurveyDesign,
} from '../estimation/index.js';
import type { AnswerValue } from '../questionnaire/index.js';

/** How a round was sampled: a draw of this system, or (outside a draw) declared when the round is created. */
export type RoundDesignSpec =
  | { kind: 'sample'; lonelyPsu: LonelyPsuRule }
  | { kind: 'srs'; population: number | null; lonelyPsu: LonelyPsuRule }
  | { kind: 'stratified'; question: string; lonelyPsu: LonelyPsuRule };

/** What a stored response carries for the design (design variables are written when weights are computed). */
export interface DesignRow {
  id: string;
  base_weight: number | null;
  /** null: 1 (no adjustment, or a response weighted before the factor was stored apart). */
  nonresponse_factor: number | null;
  stratum: string | null;
  psu: string | null;
}

export interface RowDesign {
  /** 1 / selection probability (area stages, household, adult in the household). */
  baseWeight: number;
  /** The weighting-class non-response factor (1 outside a draw). */
  nonresponseFactor: number;
  /** baseWeight × nonresponseFactor: the weight estimates use, before calibration to margins. */
  weight: number;
  stratum: string;
  psu: string;
}

export interface RoundDesignRows {
  rows: RowDesign[];
  /** The population size per row (R's fpc = N), for a simple random sample of a known population. */
  fpc: number[] | null;
}

/**
 * Each response's design variables:
 * - sample: the draw's base weight and non-response factor, stratum and PSU (weights.ts, nonresponse.ts);
 * - srs: one stratum "all", each response its own PSU, weight 1, and fpc N with a population size (R then
 *   takes the weights as N/n; means, proportions and their SEs do not depend on a constant weight);
 * - stratified: the answer to the named question is the stratum ("<question>=<code>", "<question>=missing"),
 *   each response its own PSU, weight 1 (self-weighting within strata, as declared).
 * @example designOf([{ id: 'a', base_weight: null, stratum: null, psu: null }], [{}], srs) // weight 1, psu 'a'
 */
export function designOf(
  rows: readonly DesignRow[],
  answers: readonly Readonly<Record<string, AnswerValue>>[],
  spec: RoundDesignSpec,
): RoundDesignRows {
  if (spec.kind === 'sample') {
    return {
      rows: rows.map((r) => {
        const baseWeight = r.base_weight ?? 1;
        const nonresponseFactor = r.nonresponse_factor ?? 1;
        return {
          baseWeight,
          nonresponseFactor,
          weight: baseWeight * nonresponseFactor,
          stratum: r.stratum ?? 'all',
          psu: r.psu ?? r.id,
        };
      }),
      fpc: null,
    };
  }
  if (spec.kind === 'srs') {
    return {
      rows: rows.map((r) => ({ baseWeight: 1, nonresponseFactor: 1, weight: 1, stratum: 'all', psu: r.id })),
      fpc: spec.population === null ? null : rows.map(() => spec.population as number),
    };
  }
  return {
    rows: rows.map((r, k) => {
      const value = answers[k]?.[spec.question];
      const level = value === undefined ? 'missing' : Array.isArray(value) ? value.join(' ') : String(value);
      return { baseWeight: 1, nonresponseFactor: 1, weight: 1, stratum: `${spec.question}=${level}`, psu: r.id };
    }),
    fpc: null,
  };
}

/** The estimation design of a round's responses (throws EstimationError lonely_psu under the 'fail' rule). */
export function surveyDesignOf(d: RoundDesignRows, lonelyPsu: LonelyPsuRule): SurveyDesign {
  return createDesign({
    weights: d.rows.map((r) => r.weight),
    strata: categorical(d.rows.map((r) => r.stratum)),
    psu: categorical(d.rows.map((r) => r.psu)),
    ...(d.fpc ? { fpc: Float64Array.from(d.fpc) } : {}),
    lonelyPsu,
  });
}

export interface DesignStatement {
  spec: RoundDesignSpec;
  strata: number;
  psus: number;
  /** Design degrees of freedom: PSUs minus strata (R's degf). */
  df: number;
  /** Strata with a single PSU, to which the round's lonely-PSU rule applies. */
  lonelyStrata: string[];
  /** Calibration to population margins: the method and the questions it uses ('none' and [] without). */
  calibration: { method: 'none' | 'poststratify' | 'raking'; variables: string[] };
  /** The steps from selection to base weight and the non-response adjustment; null outside a draw. */
  weighting: WeightingStatement | null;
}

/** One weighting class (a village of the draw) of the non-response adjustment. */
export interface NonresponseClass {
  weightClass: string;
  /** Households sampled (primaries and released reserves), found out of scope, and interviewed. */
  sampled: number;
  ineligible: number;
  respondents: number;
  /** (sampled − ineligible) / respondents for a village class; null before any interview. */
  factor: number | null;
}

export interface WeightingStatement {
  /** How the one adult of each household was chosen ('none': the household is the unit). */
  adultSelection: 'kish' | 'nearest_birthday' | 'none';
  nonresponseClasses: NonresponseClass[];
}

/** What the results page and the downloads say about the design in force. */
export function designStatement(
  design: SurveyDesign,
  spec: RoundDesignSpec,
): Omit<DesignStatement, 'calibration' | 'weighting'> {
  const lonelyStrata = design.stratumLabels.filter((_, h) => design.psusByStratum[h]?.length === 1);
  return {
    spec,
    strata: design.stratumLabels.length,
    psus: design.psuLabels.length,
    df: degreesOfFreedom(design, null),
    lonelyStrata,
  };
}
