// Post-stratification and calibration (linear GREG and raking) as R's postStratify and calibrate(...,
// calfun=) compute them, on categorical margins. The variance then uses the GREG residual (variance.ts).
import type { Calibration, CalibrationMethod } from './calibration-model.js';
import { compareLevels } from './columns.js';
import type { SurveyDesign } from './design.js';
import { invert, multiply } from './linear-algebra.js';
import { EstimationError } from './types.js';
import type { CategoricalColumn } from './types.js';

/** Known population totals of one categorical variable, by level label. */
export interface MarginInput {
  readonly variable: string;
  readonly column: CategoricalColumn;
  readonly totals: ReadonlyMap<string, number>;
}

export interface CalibrateOptions {
  /** Newton iterations for raking (R default 50). */
  maxit?: number;
  /** Stop when every |misfit| / (1 + |total|) < epsilon (R default 1e-7). */
  epsilon?: number;
}

interface Model {
  columns: string[];
  slots: number;
  active: Int32Array;
  population: Float64Array;
}

/** postStratify(design, ~cell, population): w*_k = w_k · N_c / N̂_c. */
export function postStratify(design: SurveyDesign, margin: MarginInput): SurveyDesign {
  const levels = checkMargin(design, margin);
  const active = Int32Array.from(margin.column.codes, (c) => levels.position[c] as number);
  const model: Model = {
    columns: levels.sorted.map((l) => `${margin.variable}=${l}`),
    slots: 1,
    active,
    population: Float64Array.from(levels.sorted, (l) => margin.totals.get(l) as number),
  };
  const sample = sampleTotals(model, design.weights);
  const ratio = Float64Array.from(model.population, (t, j) => t / (sample[j] as number));
  const g = Float64Array.from(active, (j) => ratio[j] as number);
  return withCalibration(design, model, g, 'poststratify');
}

/**
 * calibrate(design, ~v1 + v2 + ..., population, calfun): model matrix = intercept + one 0/1 column per
 * non-reference level (the first in sorted order), population = (N, totals of those levels).
 * @example calibrate(design, [{ variable: 'gender', column, totals: new Map([['F', 4700], ['M', 4300]]) }], 'raking')
 */
export function calibrate(
  design: SurveyDesign,
  margins: readonly MarginInput[],
  calfun: 'linear' | 'raking',
  options: CalibrateOptions = {},
): SurveyDesign {
  if (margins.length === 0) throw new EstimationError('invalid_margins', 'calibration needs at least one margin');
  const model = calibrationModel(design, margins);
  const g =
    calfun === 'linear' ? linearG(design, model) : rakingG(design, model, options.maxit ?? 50, options.epsilon ?? 1e-7);
  return withCalibration(design, model, g, calfun);
}

function calibrationModel(design: SurveyDesign, margins: readonly MarginInput[]): Model {
  const slots = 1 + margins.length;
  const active = new Int32Array(design.n * slots).fill(-1);
  for (let k = 0; k < design.n; k += 1) active[k * slots] = 0;
  const columns = ['(Intercept)'];
  const population = [0];
  let total: number | null = null;
  margins.forEach((margin, m) => {
    const levels = checkMargin(design, margin);
    const offset = columns.length - 1;
    margin.column.codes.forEach((c, k) => {
      const r = levels.position[c] as number;
      if (r > 0) active[k * slots + 1 + m] = offset + r;
    });
    let sum = 0;
    levels.sorted.forEach((l, r) => {
      const t = margin.totals.get(l) as number;
      sum += t;
      if (r > 0) {
        columns.push(`${margin.variable}=${l}`);
        population.push(t);
      }
    });
    if (total === null) total = sum;
    else if (Math.abs(sum - total) > 1e-6 * Math.abs(total)) {
      throw new EstimationError(
        'invalid_margins',
        `the margins disagree on the population size: ${margins[0]?.variable} sums to ${total}, ${margin.variable} to ${sum}`,
        { variable: margin.variable },
      );
    }
  });
  population[0] = total ?? 0;
  return { columns, slots, active, population: Float64Array.from(population) };
}

/** Every level in the data has a positive total and every total a level in the data. */
function checkMargin(design: SurveyDesign, margin: MarginInput): { sorted: string[]; position: Int32Array } {
  const { column, variable, totals } = margin;
  if (column.codes.length !== design.n)
    throw new EstimationError('invalid_margins', `${variable} has ${column.codes.length} rows, the design ${design.n}`);
  const used = new Uint8Array(column.levels.length);
  column.codes.forEach((c, k) => {
    if (c < 0)
      throw new EstimationError(
        'invalid_margins',
        `row ${k + 1}: ${variable} is missing; calibration variables must be present on every row`,
        { variable, row: k + 1 },
      );
    used[c] = 1;
  });
  const present = column.levels.filter((_, c) => used[c]);
  for (const level of present) {
    const t = totals.get(level);
    if (t === undefined)
      throw new EstimationError(
        'invalid_margins',
        `level "${level}" of ${variable} is in the data but has no population total in the margins`,
        { variable, level },
      );
    if (!(t > 0) || !Number.isFinite(t))
      throw new EstimationError(
        'invalid_margins',
        `the population total of ${variable} = "${level}" must be a positive number`,
        { variable, level },
      );
  }
  for (const level of totals.keys()) {
    if (!present.includes(level))
      throw new EstimationError(
        'invalid_margins',
        `level "${level}" of ${variable} is in the margins but not in the data`,
        { variable, level },
      );
  }
  const sorted = [...present].sort(compareLevels(present));
  const position = Int32Array.from(column.levels, (l) => sorted.indexOf(l));
  return { sorted, position };
}

function sampleTotals(model: Model, weights: Float64Array): Float64Array {
  const t = new Float64Array(model.columns.length);
  for (let k = 0; k < weights.length; k += 1) {
    for (let s = 0; s < model.slots; s += 1) {
      const j = model.active[k * model.slots + s] as number;
      if (j >= 0) t[j] = (t[j] as number) + (weights[k] as number);
    }
  }
  return t;
}

/** Σ w_k c_k x_k x_k' (c = 1 when omitted). */
function crossProduct(model: Model, weights: Float64Array, factor?: Float64Array): Float64Array {
  const p = model.columns.length;
  const a = new Float64Array(p * p);
  for (let k = 0; k < weights.length; k += 1) {
    const w = (weights[k] as number) * (factor ? (factor[k] as number) : 1);
    const base = k * model.slots;
    for (let s = 0; s < model.slots; s += 1) {
      const i = model.active[base + s] as number;
      if (i < 0) continue;
      for (let t = 0; t < model.slots; t += 1) {
        const j = model.active[base + t] as number;
        if (j >= 0) a[i * p + j] = (a[i * p + j] as number) + w;
      }
    }
  }
  return a;
}

function inverseOrThrow(a: Float64Array, p: number): Float64Array {
  const inv = invert(a, p);
  if (!inv)
    throw new EstimationError(
      'invalid_margins',
      'the calibration margins are collinear (the model matrix is singular)',
    );
  return inv;
}

function xDot(model: Model, k: number, v: Float64Array): number {
  let s = 0;
  for (let t = 0; t < model.slots; t += 1) {
    const j = model.active[k * model.slots + t] as number;
    if (j >= 0) s += v[j] as number;
  }
  return s;
}

/** regcalibrate: g = 1 + x'T⁻¹(t_x − t̂_x), T = Σ w x x'. */
function linearG(design: SurveyDesign, model: Model): Float64Array {
  const p = model.columns.length;
  const sample = sampleTotals(model, design.weights);
  const tInv = inverseOrThrow(crossProduct(model, design.weights), p);
  const tT = multiply(
    tInv,
    Float64Array.from(model.population, (t, j) => t - (sample[j] as number)),
    p,
  );
  return Float64Array.from({ length: design.n }, (_, k) => 1 + xDot(model, k, tT));
}

/** grake with cal.raking: Newton–Raphson on g = exp(x'λ), R's start, rescaling and stopping rule. */
function rakingG(design: SurveyDesign, model: Model, maxit: number, epsilon: number): Float64Array {
  const p = model.columns.length;
  const pop = model.population;
  let ww = design.weights;
  let sample = sampleTotals(model, ww);
  let scale: number | null = null;
  const scales = Array.from(pop, (t, j) => t / (sample[j] as number));
  if (Math.min(...scales) > 20) {
    const s = scales.reduce((a, b) => a + b, 0) / scales.length;
    scale = s;
    ww = Float64Array.from(ww, (w) => w * s);
    sample = Float64Array.from(sample, (t) => t * s);
  }
  let eta: Float64Array = new Float64Array(p);
  let g: Float64Array = new Float64Array(design.n).fill(1);
  const misfit = (): Float64Array => {
    const fitted = new Float64Array(p);
    for (let k = 0; k < design.n; k += 1) {
      const v = (ww[k] as number) * ((g[k] as number) - 1);
      for (let s = 0; s < model.slots; s += 1) {
        const j = model.active[k * model.slots + s] as number;
        if (j >= 0) fitted[j] = (fitted[j] as number) + v;
      }
    }
    return Float64Array.from(pop, (t, j) => t - (sample[j] as number) - (fitted[j] as number));
  };
  const update = (next: Float64Array): void => {
    eta = next;
    g = Float64Array.from({ length: design.n }, (_, k) => Math.exp(xDot(model, k, eta)));
  };
  for (let iter = 1; ; iter += 1) {
    const tInv = inverseOrThrow(crossProduct(model, ww, g), p);
    let deta = multiply(tInv, misfit(), p);
    update(eta.map((e, j) => e + (deta[j] as number)));
    for (let halve = iter; halve < maxit && g.some((v) => !Number.isFinite(v)); halve += 1) {
      deta = deta.map((d) => d / 2);
      update(eta.map((e, j) => e - (deta[j] as number)));
    }
    const m = misfit();
    if (m.every((v, j) => Math.abs(v) / (1 + Math.abs(pop[j] as number)) < epsilon)) break;
    if (iter + 1 > maxit) {
      throw new EstimationError(
        'calibration_failed',
        `raking did not converge in ${maxit} iterations; check that the margins fit the sample`,
      );
    }
  }
  if (scale !== null) {
    const s = scale;
    g = g.map((v) => v * s);
  }
  return g;
}

function withCalibration(design: SurveyDesign, model: Model, g: Float64Array, method: CalibrationMethod): SurveyDesign {
  if (design.calibration) throw new EstimationError('invalid_request', 'the design is already calibrated');
  const p = model.columns.length;
  const base = design.weights;
  const weights = Float64Array.from(base, (w, k) => w * (g[k] as number));
  const aInverse = inverseOrThrow(crossProduct(model, base), p);
  const psuWx = new Float64Array(design.psuLabels.length * p);
  for (let k = 0; k < design.n; k += 1) {
    const q = design.psuOfRow[k] as number;
    for (let s = 0; s < model.slots; s += 1) {
      const j = model.active[k * model.slots + s] as number;
      if (j >= 0) psuWx[q * p + j] = (psuWx[q * p + j] as number) + (weights[k] as number);
    }
  }
  const calibration: Calibration = {
    method,
    columns: model.columns,
    slots: model.slots,
    active: model.active,
    baseWeights: base,
    g,
    aInverse,
    psuWx,
  };
  return { ...design, weights, calibration };
}
