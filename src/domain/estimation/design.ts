// A stratified cluster design as R's svydesign(ids=~psu, strata=~stratum, weights=~w, fpc=~f) holds it:
// PSU and stratum index per row, n_h = distinct PSUs per stratum in the FULL sample (kept for domains),
// and the stage-1 finite population correction. PSUs are treated as drawn with replacement (ultimate cluster).
import type { Calibration } from './calibration-model.js';
import { EstimationError } from './types.js';
import type { CategoricalColumn, LonelyPsuRule, NumericColumn } from './types.js';

export interface DesignInput {
  /** Final (base) weights, all > 0. */
  weights: NumericColumn;
  /** Strata; omitted = one stratum. */
  strata?: CategoricalColumn | undefined;
  /** PSU (cluster) ids, unique across strata; omitted = every row is its own PSU. */
  psu?: CategoricalColumn | undefined;
  /** Per row: number of PSUs in the stratum (> 1) or the sampling fraction (<= 1); constant in a stratum. */
  fpc?: NumericColumn | undefined;
  /** Default 'fail', as R. */
  lonelyPsu?: LonelyPsuRule | undefined;
}

export interface SurveyDesign {
  readonly n: number;
  /** Current weights (after calibration when `calibration` is set). */
  readonly weights: Float64Array;
  readonly stratumOfRow: Int32Array;
  readonly psuOfRow: Int32Array;
  readonly stratumLabels: readonly string[];
  readonly psuLabels: readonly string[];
  readonly psuStratum: Int32Array;
  /** PSU indices of each stratum (the full design's list). */
  readonly psusByStratum: readonly Int32Array[];
  /** (N_h - n_h) / N_h per stratum; 1 without fpc. */
  readonly fpcFactor: Float64Array;
  readonly lonelyPsu: LonelyPsuRule;
  readonly hasStrata: boolean;
  readonly hasPsu: boolean;
  readonly hasFpc: boolean;
  readonly calibration: Calibration | null;
}

/**
 * Validates and indexes a design. Throws EstimationError for non-positive or missing weights, PSUs shared
 * across strata, an inconsistent fpc, or (rule 'fail') a stratum with a single PSU.
 * @example createDesign({ weights: w, strata: categorical(s), psu: categorical(p), lonelyPsu: 'adjust' })
 */
export function createDesign(input: DesignInput): SurveyDesign {
  const n = input.weights.length;
  const weights = Float64Array.from(input.weights);
  for (let k = 0; k < n; k += 1) {
    const w = weights[k] as number;
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new EstimationError(
        'invalid_weight',
        `row ${k + 1}: the weight must be a positive number (got ${Number.isNaN(w) ? 'a missing value' : w})`,
        { row: k + 1 },
      );
    }
  }
  const strata = input.strata ?? { codes: new Int32Array(n), levels: ['(all)'] };
  const psu = input.psu ?? rowsAsPsus(n);
  checkLength('strata', strata.codes.length, n);
  checkLength('psu', psu.codes.length, n);
  const psuStratumOfCode = new Int32Array(psu.levels.length).fill(-1);
  for (let k = 0; k < n; k += 1) {
    const s = strata.codes[k] as number;
    const p = psu.codes[k] as number;
    if (s < 0) throw new EstimationError('invalid_design', `row ${k + 1}: the stratum is missing`, { row: k + 1 });
    if (p < 0) throw new EstimationError('invalid_design', `row ${k + 1}: the PSU is missing`, { row: k + 1 });
    const seen = psuStratumOfCode[p] as number;
    if (seen === -1) psuStratumOfCode[p] = s;
    else if (seen !== s) {
      throw new EstimationError(
        'psu_not_nested',
        `PSU "${psu.levels[p]}" appears in strata "${strata.levels[seen]}" and "${strata.levels[s]}"; PSU ids must be unique across strata (clusters not nested in strata)`,
        { psu: psu.levels[p], strata: [strata.levels[seen], strata.levels[s]] },
      );
    }
  }
  // Compact to strata and PSUs that occur, so indices are dense.
  const stratumIndex = denseIndex(strata.codes, strata.levels.length);
  const psuIndex = denseIndex(psu.codes, psu.levels.length);
  const stratumLabels = stratumIndex.used.map((c) => strata.levels[c] as string);
  const psuLabels = psuIndex.used.map((c) => psu.levels[c] as string);
  const psuStratum = Int32Array.from(psuIndex.used, (c) => stratumIndex.map[psuStratumOfCode[c] as number] as number);
  const lists: number[][] = stratumLabels.map(() => []);
  psuStratum.forEach((h, i) => (lists[h] as number[]).push(i));
  const psusByStratum = lists.map((l) => Int32Array.from(l));
  const stratumOfRow = remap(strata.codes, stratumIndex.map);
  const psuOfRow = remap(psu.codes, psuIndex.map);
  const fpcFactor = input.fpc
    ? fpcFactors(input.fpc, stratumOfRow, psusByStratum, stratumLabels)
    : new Float64Array(stratumLabels.length).fill(1);
  const lonelyPsu = input.lonelyPsu ?? 'fail';
  if (lonelyPsu === 'fail') {
    psusByStratum.forEach((list, h) => {
      if (list.length === 1 && (fpcFactor[h] as number) >= 1e-7) {
        throw new EstimationError(
          'lonely_psu',
          `Stratum "${stratumLabels[h]}" has only one PSU ("${psuLabels[list[0] as number]}"); choose a lonely-PSU rule: remove, certainty, adjust or average (or collapse strata)`,
          { stratum: stratumLabels[h], options: ['remove', 'certainty', 'adjust', 'average'] },
        );
      }
    });
  }
  return {
    n,
    weights,
    stratumOfRow,
    psuOfRow,
    stratumLabels,
    psuLabels,
    psuStratum,
    psusByStratum,
    fpcFactor,
    lonelyPsu,
    hasStrata: input.strata !== undefined,
    hasPsu: input.psu !== undefined,
    hasFpc: input.fpc !== undefined,
    calibration: null,
  };
}

/** No PSU column: every row is its own PSU (labelled by row number). */
function rowsAsPsus(n: number): CategoricalColumn {
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k += 1) codes[k] = k;
  return { codes, levels: Array.from({ length: n }, (_, k) => String(k + 1)) };
}

function checkLength(name: string, got: number, n: number): void {
  if (got !== n) throw new EstimationError('invalid_design', `${name} has ${got} rows, the weights ${n}`);
}

function remap(codes: Int32Array, map: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let k = 0; k < codes.length; k += 1) out[k] = map[codes[k] as number] as number;
  return out;
}

function denseIndex(codes: Int32Array, levelCount: number): { map: Int32Array; used: number[] } {
  const present = new Uint8Array(levelCount);
  for (const c of codes) present[c] = 1;
  const map = new Int32Array(levelCount).fill(-1);
  const used: number[] = [];
  present.forEach((p, c) => {
    if (p) {
      map[c] = used.length;
      used.push(c);
    }
  });
  return { map, used };
}

/** (N_h - n_h)/N_h as R's onestrat computes it; fractions (<= 1) become N_h = n_h / fraction. */
function fpcFactors(
  fpc: NumericColumn,
  stratumOfRow: Int32Array,
  psusByStratum: readonly Int32Array[],
  labels: readonly string[],
): Float64Array {
  const value = new Float64Array(labels.length).fill(NaN);
  let fractions = 0;
  let counts = 0;
  for (let k = 0; k < stratumOfRow.length; k += 1) {
    const v = fpc[k] as number;
    const h = stratumOfRow[k] as number;
    if (!(v > 0))
      throw new EstimationError('invalid_fpc', `row ${k + 1}: the fpc must be a positive number`, { row: k + 1 });
    if (Number.isNaN(value[h] as number)) value[h] = v;
    else if (value[h] !== v)
      throw new EstimationError('invalid_fpc', `the fpc varies within stratum "${labels[h]}"`, { stratum: labels[h] });
    if (v < 1) fractions += 1;
    else if (v > 1) counts += 1;
  }
  // As R's svydesign: all values <= 1 are sampling fractions, all >= 1 population counts (1 fits both).
  if (fractions > 0 && counts > 0)
    throw new EstimationError(
      'invalid_fpc',
      'the fpc must be all population counts (>= 1) or all sampling fractions (<= 1)',
    );
  return Float64Array.from(value, (v, h) => {
    const nh = (psusByStratum[h] as Int32Array).length;
    const popsize = counts === 0 ? nh / v : v;
    if (popsize < nh)
      throw new EstimationError('invalid_fpc', `the fpc implies more than 100% sampling in stratum "${labels[h]}"`, {
        stratum: labels[h],
      });
    return popsize === Infinity ? 1 : (popsize - nh) / popsize;
  });
}

/** Design degrees of freedom (R's degf): distinct PSUs minus distinct strata among rows with non-zero weight. */
export function degreesOfFreedom(design: SurveyDesign, rows: Int32Array | null): number {
  const psuSeen = new Uint8Array(design.psuLabels.length);
  const stratumSeen = new Uint8Array(design.stratumLabels.length);
  let psus = 0;
  let strata = 0;
  const visit = (k: number): void => {
    if (design.weights[k] === 0) return;
    const p = design.psuOfRow[k] as number;
    if (psuSeen[p]) return;
    psuSeen[p] = 1;
    psus += 1;
    const h = design.psuStratum[p] as number;
    if (!stratumSeen[h]) {
      stratumSeen[h] = 1;
      strata += 1;
    }
  };
  if (rows) for (const k of rows) visit(k);
  else for (let k = 0; k < design.n; k += 1) visit(k);
  return psus - strata;
}
