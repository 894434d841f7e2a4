// Base weights and design variables (stratum, PSU) of completed respondents, from the stage probabilities of
// the area draw, the households sampled per village and the within-household selection (papi.md §6,
// survey-statistics.md §8). The non-response adjustment is a separate step (nonresponse.ts).
import type { SampleDraw, SelectedUnit } from './draw.js';
import type { VillageHouseholdDraw } from './households.js';

/*
 * Base weight of a completed respondent k in village v, reached through the selected units u_1 … u_L of the
 * frame's chain (district > commune > village on a four-level frame, commune > village on today's two-tier map):
 *   d_k = 1 / (π_1 · … · π_L · π_h|v · π_k|h)      π_h|v = n_v / M
 * where the area π are the `pi` of the draw, n_v is the number of households sampled in v (the primaries and
 * the reserves released so far: the first n_v of the village's random order, a simple random sample) and M
 * the listed households with an eligible adult. π_k|h is the probability that k was the adult chosen in the
 * household (respondent-selection.ts: 1/A_k for A_k eligible adults, except where Kish's tables are unequal);
 * it is 1 with `adultSelection: 'none'`, when the household is the unit.
 * Worked example: a PPS district π_d = 0.5, its seat commune π_c = 1, a PPS village π_v = 0.4, M = 50 and
 * n_v = 10 sampled households: the household weight is 1 / (0.5 · 1 · 0.4 · 10/50) = 25, and an adult chosen
 * among 3 has d = 75.
 *
 * Design variables: ultimate clusters (with-replacement approximation, no fpc), matching DESIGN.md. The PSU
 * of a respondent is the first unit on its path drawn at random (π < 1), coded by its level's initial
 * ("D:<district>", "C:<commune>", "V:<village>"). Everything above it is certain, so its stratum is a
 * certainty unit (or the province, for first-stage PSUs). Two rules, chosen by the plan's `variance`:
 *   - 'collapse' (default): the stratum is the top-most certainty unit below the province ("P:<province>"
 *     for first-stage PSUs). Small strata inside one certainty unit (the capital's PPS commune and the PPS
 *     village of its seat commune) are pooled into that unit's pseudo-stratum, and a village certain all the
 *     way down is one PSU of it, like the random units beside it. This is the collapsed-strata rule of
 *     published multistage surveys: it never leaves a one-PSU stratum where the certainty unit has a second
 *     PSU, and it errs on the conservative side.
 *   - 'exact': the stratum is the PSU's parent, and a village certain all the way down is its own stratum
 *     with households as PSUs ("H:<village>:<household>", survey-statistics.md §8). Strata can then hold one
 *     PSU, and the round's lonely-PSU rule decides.
 * In R:  svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
 *        (docs/sampling.md gives the full call, with the round's lonely-PSU option and degrees of freedom).
 */

export interface CompletedRespondent {
  id: string;
  villageCode: string;
  householdId: string;
  /** With adultSelection 'one_per_household': the eligible adults of the household (A_k). */
  eligibleAdults?: number;
  /** With adultSelection 'one_per_household': π_k|h when the rule's is not 1/A_k (Kish), else omitted. */
  selectionProbability?: number;
}

export interface WeightOptions {
  /** 'none' (default): the household is the unit; 'one_per_household': one adult chosen in each. */
  adultSelection?: 'none' | 'one_per_household';
  /** How certainty units enter the design (see above); 'collapse' by default. */
  certaintyUnits?: 'collapse' | 'exact';
}

export interface WeightedRespondent {
  id: string;
  /** null on a frame without districts. */
  districtCode: string | null;
  communeCode: string;
  villageCode: string;
  householdId: string;
  /** π of each area stage, top-down (district, commune, village; or commune, village). */
  piStages: number[];
  /** n_v / M for the respondent's village. */
  piHousehold: number;
  /** π_k|h with one adult per household (1 / A_k for equal chances), else 1. */
  piWithinHousehold: number;
  /** 1 / (area π · π_h|v): the household's weight, the same for every sampled household of the village. */
  householdWeight: number;
  /** The base weight d_k = householdWeight / π_k|h. */
  weight: number;
  stratum: string;
  psu: string;
}

export interface WeightInput {
  /** The area draw of the province (the result of drawSample). */
  draw: Pick<SampleDraw, 'province' | 'units'>;
  /** M (`eligible`) and n_v (`sampled`: households sampled, primaries and released reserves) per village. */
  villages: readonly (Pick<VillageHouseholdDraw, 'villageCode' | 'eligible'> & { sampled: number })[];
  completed: readonly CompletedRespondent[];
}

/** The selected units above a respondent and its village, top-down, ending with the village. */
export type RespondentPath = readonly SelectedUnit[];

function pathOf(villageCode: string, byCode: ReadonlyMap<string, SelectedUnit>): RespondentPath {
  const path: SelectedUnit[] = [];
  let unit = byCode.get(`village:${villageCode}`);
  if (unit === undefined) throw new Error(`Village "${villageCode}" is not a selected village of this draw`);
  while (unit !== undefined) {
    path.unshift(unit);
    const parentCode: string = unit.parentCode;
    unit = ['district', 'commune'].map((l) => byCode.get(`${l}:${parentCode}`)).find((u) => u !== undefined);
  }
  return path;
}

const initial = (u: SelectedUnit): string => u.level.charAt(0).toUpperCase();
const codeOf = (u: SelectedUnit): string => `${initial(u)}:${u.code}`;

/** Stratum and ultimate-cluster PSU of a respondent (see the comment at the top of this file). */
export function designVariables(
  provinceCode: string,
  path: RespondentPath,
  householdId: string,
  rule: 'collapse' | 'exact' = 'collapse',
): { stratum: string; psu: string } {
  const at = path.findIndex((u) => u.pi < 1);
  const top = path[0] as SelectedUnit;
  const village = path[path.length - 1] as SelectedUnit;
  if (rule === 'collapse') {
    const stratum = at === 0 ? `P:${provinceCode}` : codeOf(top);
    return { stratum, psu: codeOf(at < 0 ? village : (path[at] as SelectedUnit)) };
  }
  if (at < 0) return { stratum: codeOf(village), psu: `H:${village.code}:${householdId}` };
  return {
    stratum: at === 0 ? `P:${provinceCode}` : codeOf(path[at - 1] as SelectedUnit),
    psu: codeOf(path[at] as SelectedUnit),
  };
}

/**
 * Base weights of completed respondents, in input order.
 * @example
 *   baseWeights({ draw: drawSample(frame, plan, seed), villages: [{ villageCode: 'V1', eligible: 50, sampled: 10 }],
 *     completed: eightRespondentsOfV1 })
 *   // each: { piHousehold: 0.2, weight: 1 / (π_d π_c π_v · 0.2), stratum: 'P:02', psu: 'D:...' }
 */
export function baseWeights(input: WeightInput, options: WeightOptions = {}): WeightedRespondent[] {
  const byCode = new Map(input.draw.units.map((u) => [`${u.level}:${u.code}`, u] as const));
  const villages = new Map(input.villages.map((v) => [v.villageCode, v] as const));
  const completes = new Map<string, number>();
  for (const r of input.completed) completes.set(r.villageCode, (completes.get(r.villageCode) ?? 0) + 1);
  for (const [villageCode, mc] of completes) {
    const v = villages.get(villageCode);
    if (v === undefined) throw new Error(`Village "${villageCode}" has no household list size`);
    if (mc > v.sampled)
      throw new Error(
        `Village "${villageCode}" has ${mc} completed interviews but only ${v.sampled} sampled households`,
      );
    if (v.sampled > v.eligible)
      throw new Error(`Village "${villageCode}" has ${v.sampled} sampled households but only ${v.eligible} listed`);
  }
  const oneAdult = options.adultSelection === 'one_per_household';
  const paths = new Map<string, RespondentPath>();

  return input.completed.map((r) => {
    const path = paths.get(r.villageCode) ?? pathOf(r.villageCode, byCode);
    paths.set(r.villageCode, path);
    const v = villages.get(r.villageCode) as { eligible: number; sampled: number };
    const piHousehold = v.sampled / v.eligible;
    const piWithinHousehold = oneAdult ? withinHousehold(r) : 1;
    const piStages = path.map((u) => u.pi);
    const householdWeight = 1 / (piStages.reduce((p, x) => p * x, 1) * piHousehold);
    return {
      id: r.id,
      districtCode: path.find((u) => u.level === 'district')?.code ?? null,
      communeCode: path.find((u) => u.level === 'commune')?.code ?? '',
      villageCode: r.villageCode,
      householdId: r.householdId,
      piStages,
      piHousehold,
      piWithinHousehold,
      householdWeight,
      weight: householdWeight / piWithinHousehold,
      ...designVariables(input.draw.province.code, path, r.householdId, options.certaintyUnits),
    };
  });
}

function withinHousehold(r: CompletedRespondent): number {
  if (r.eligibleAdults === undefined || !Number.isInteger(r.eligibleAdults) || r.eligibleAdults < 1) {
    throw new Error(`Respondent "${r.id}" needs eligibleAdults >= 1 when one adult per household is selected`);
  }
  const p = r.selectionProbability ?? 1 / r.eligibleAdults;
  if (!(p > 0 && p <= 1)) throw new Error(`Respondent "${r.id}" has selection probability ${p}`);
  return p;
}
