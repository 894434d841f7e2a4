// Base weights and design variables (stratum, PSU) of completed respondents, from the stage probabilities of
// the area draw and the completed interviews per village (papi.md §6, survey-statistics.md §8).
import type { SampleDraw, SelectedUnit } from './draw.js';
import type { VillageHouseholdDraw } from './households.js';

/*
 * Weight of a completed respondent k in village v, reached through the selected units u_1 … u_L of the frame's
 * chain (district > commune > village on a four-level frame, commune > village on today's two-tier map):
 *   w_k = 1 / (π_1 · … · π_L · π_h|v) [· A_k]      π_h|v = m_c / M
 * where the area π are the `pi` of the draw, m_c is the number of completed interviews in v and M the listed
 * households with an eligible adult. Using m_c instead of the drawn m is the non-response adjustment within
 * the village: respondents stand for the village's non-respondents. A_k (eligible adults of k's household)
 * enters only with `adultSelection: 'one_per_household'`, when one adult per household is picked at random.
 * Worked example: a PPS district π_d = 0.5, its seat commune π_c = 1, a PPS village π_v = 0.4, M = 50 and
 * m_c = 10 completes: w = 1 / (0.5 · 1 · 0.4 · 10/50) = 25; the 10 weights sum to M / (π_d π_c π_v) = 250.
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
  /** Needed with adultSelection 'one_per_household'. */
  eligibleAdults?: number;
}

export interface WeightOptions {
  /** 'none' (default): the household's respondent is not subsampled. */
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
  /** m_c / M for the respondent's village. */
  piHousehold: number;
  /** 1 / A_k with one adult per household, else 1. */
  piWithinHousehold: number;
  weight: number;
  stratum: string;
  psu: string;
}

export interface WeightInput {
  /** The area draw of the province (the result of drawSample). */
  draw: Pick<SampleDraw, 'province' | 'units'>;
  villages: readonly Pick<VillageHouseholdDraw, 'villageCode' | 'eligible'>[];
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
 *   baseWeights({ draw: drawSample(frame, plan, seed), villages: [{ villageCode: 'V1', eligible: 50 }],
 *     completed: tenRespondentsOfV1 })
 *   // each: { piHousehold: 0.2, weight: 1 / (π_d π_c π_v · 0.2), stratum: 'P:02', psu: 'D:...' }
 */
export function baseWeights(input: WeightInput, options: WeightOptions = {}): WeightedRespondent[] {
  const byCode = new Map(input.draw.units.map((u) => [`${u.level}:${u.code}`, u] as const));
  const listed = new Map(input.villages.map((v) => [v.villageCode, v.eligible] as const));
  const completes = new Map<string, number>();
  for (const r of input.completed) completes.set(r.villageCode, (completes.get(r.villageCode) ?? 0) + 1);
  for (const [villageCode, mc] of completes) {
    const bigM = listed.get(villageCode);
    if (bigM === undefined) throw new Error(`Village "${villageCode}" has no household list size`);
    if (mc > bigM)
      throw new Error(`Village "${villageCode}" has ${mc} completed interviews but only ${bigM} listed households`);
  }
  const oneAdult = options.adultSelection === 'one_per_household';
  const paths = new Map<string, RespondentPath>();

  return input.completed.map((r) => {
    const path = paths.get(r.villageCode) ?? pathOf(r.villageCode, byCode);
    paths.set(r.villageCode, path);
    const piHousehold = (completes.get(r.villageCode) ?? 0) / (listed.get(r.villageCode) ?? 0);
    let piWithinHousehold = 1;
    if (oneAdult) {
      if (r.eligibleAdults === undefined || !Number.isInteger(r.eligibleAdults) || r.eligibleAdults < 1) {
        throw new Error(`Respondent "${r.id}" needs eligibleAdults >= 1 when one adult per household is selected`);
      }
      piWithinHousehold = 1 / r.eligibleAdults;
    }
    const piStages = path.map((u) => u.pi);
    const pi = piStages.reduce((p, x) => p * x, 1) * piHousehold * piWithinHousehold;
    return {
      id: r.id,
      districtCode: path.find((u) => u.level === 'district')?.code ?? null,
      communeCode: path.find((u) => u.level === 'commune')?.code ?? '',
      villageCode: r.villageCode,
      householdId: r.householdId,
      piStages,
      piHousehold,
      piWithinHousehold,
      weight: 1 / pi,
      ...designVariables(input.draw.province.code, path, r.householdId, options.certaintyUnits),
    };
  });
}
