// Base weights and design variables (stratum, PSU) of completed respondents, from the stage probabilities of
// the area draw and the completed interviews per village (papi.md §6, survey-statistics.md §8).
import type { SampleDraw, SelectedUnit } from './draw.js';
import type { VillageHouseholdDraw } from './households.js';

/*
 * Weight of a completed respondent k in village v, commune c, district d:
 *   w_k = 1 / (π_d · π_c|d · π_v|c · π_h|v) [· A_k]      π_h|v = m_c / M
 * where the area π are the `pi` of the draw, m_c is the number of completed interviews in v and M the listed
 * households with an eligible adult. Using m_c instead of the drawn m is the non-response adjustment within
 * the village: respondents stand for the village's non-respondents. A_k (eligible adults of k's household)
 * enters only with `adultSelection: 'one_per_household'`, when one adult per household is picked at random.
 * Worked example: a PPS district π_d = 0.5, its seat commune π_c = 1, a PPS village π_v = 0.4, M = 50 and
 * m_c = 10 completes: w = 1 / (0.5 · 1 · 0.4 · 10/50) = 25; the 10 weights sum to M / (π_d π_c π_v) = 250.
 *
 * Design variables: ultimate clusters (with-replacement approximation, no fpc), matching DESIGN.md. The PSU
 * of a respondent is the first unit on its path that was drawn at random (π < 1):
 *   - a PPS district: psu "D:<district>", stratum "P:<province>" (all random districts of the province);
 *   - in a certainty district, the first random commune or village: psu "C:<commune>" or "V:<village>",
 *     stratum "D:<district>". The capital's PPS commune and the PPS village of its seat commune would each be
 *     a one-PSU stratum; they are collapsed into one stratum per certainty district (two PSUs, conservative);
 *   - a village whose district, commune and itself are all certain (the capital's seat-of-seat village) is
 *     its own stratum "V:<village>" with households as PSUs "H:<village>:<household>" (survey-statistics.md
 *     §8: certainty villages are pseudo-strata, not lonely PSUs).
 * In R:  svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
 *        with options(survey.lonely.psu = "adjust") for the rare stratum left with one PSU.
 * A full ids = ~district+commune+village description would need the certainty units marked through fpc at
 * every stage; the ultimate-cluster form gives the same variance without fpc and is what estimation uses.
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
}

export interface WeightedRespondent {
  id: string;
  districtCode: string;
  communeCode: string;
  villageCode: string;
  householdId: string;
  piDistrict: number;
  piCommune: number;
  piVillage: number;
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

/** The selected district, commune and village above a respondent. */
export interface RespondentPath {
  district: SelectedUnit;
  commune: SelectedUnit;
  village: SelectedUnit;
}

function pathOf(villageCode: string, byCode: ReadonlyMap<string, SelectedUnit>): RespondentPath {
  const village = byCode.get(`village:${villageCode}`);
  const commune = village && byCode.get(`commune:${village.parentCode}`);
  const district = commune && byCode.get(`district:${commune.parentCode}`);
  if (village === undefined || commune === undefined || district === undefined) {
    throw new Error(`Village "${villageCode}" is not a selected village of this draw`);
  }
  return { district, commune, village };
}

/** Stratum and ultimate-cluster PSU of a respondent (see the comment at the top of this file). */
export function designVariables(
  provinceCode: string,
  path: RespondentPath,
  householdId: string,
): { stratum: string; psu: string } {
  const { district, commune, village } = path;
  if (district.pi < 1) return { stratum: `P:${provinceCode}`, psu: `D:${district.code}` };
  if (commune.pi < 1) return { stratum: `D:${district.code}`, psu: `C:${commune.code}` };
  if (village.pi < 1) return { stratum: `D:${district.code}`, psu: `V:${village.code}` };
  return { stratum: `V:${village.code}`, psu: `H:${village.code}:${householdId}` };
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

  return input.completed.map((r) => {
    const path = pathOf(r.villageCode, byCode);
    const piHousehold = (completes.get(r.villageCode) ?? 0) / (listed.get(r.villageCode) ?? 0);
    let piWithinHousehold = 1;
    if (oneAdult) {
      if (r.eligibleAdults === undefined || !Number.isInteger(r.eligibleAdults) || r.eligibleAdults < 1) {
        throw new Error(`Respondent "${r.id}" needs eligibleAdults >= 1 when one adult per household is selected`);
      }
      piWithinHousehold = 1 / r.eligibleAdults;
    }
    const pi = path.district.pi * path.commune.pi * path.village.pi * piHousehold * piWithinHousehold;
    return {
      id: r.id,
      districtCode: path.district.code,
      communeCode: path.commune.code,
      villageCode: r.villageCode,
      householdId: r.householdId,
      piDistrict: path.district.pi,
      piCommune: path.commune.pi,
      piVillage: path.village.pi,
      piHousehold,
      piWithinHousehold,
      weight: 1 / pi,
      ...designVariables(input.draw.province.code, path, r.householdId),
    };
  });
}
