// What a calibrated design keeps for the GREG residual variance (R's postStrata/greg_calibration data):
// the 0/1 model matrix in sparse form, g = w_cal / w_base, (Σ w_base x x')⁻¹ and PSU totals of w_cal x.
export type CalibrationMethod = 'poststratify' | 'linear' | 'raking';

export interface Calibration {
  readonly method: CalibrationMethod;
  /** Model-matrix column names, e.g. ['(Intercept)', 'gender=M', 'age=young']. */
  readonly columns: readonly string[];
  /** Active (value 1) columns of row k are active[k*slots .. k*slots+slots-1]; -1 = none. */
  readonly slots: number;
  readonly active: Int32Array;
  /** Base weights before calibration. */
  readonly baseWeights: Float64Array;
  /** g_k = calibrated weight / base weight. */
  readonly g: Float64Array;
  /** (Σ w_base x x')⁻¹, p × p row-major. */
  readonly aInverse: Float64Array;
  /** Σ over each PSU of w_cal x, P × p row-major. */
  readonly psuWx: Float64Array;
}

/** Adds z_k / g_k · x_k to `moments` (the calibration moment Σ w_base x u with u = z / w_cal). */
export function addMoment(cal: Calibration, k: number, z: number, moments: Float64Array): void {
  const g = cal.g[k] as number;
  if (g === 0) return;
  const u = z / g;
  const base = k * cal.slots;
  for (let s = 0; s < cal.slots; s += 1) {
    const j = cal.active[base + s] as number;
    if (j >= 0) moments[j] = (moments[j] as number) + u;
  }
}

/**
 * PSU totals of the calibration residual e = z − w_cal x'β, β = (Σ w_base x x')⁻¹ Σ w_base x u, computed
 * from the aggregates only (R: qr.resid(qr, z / w) * w, svyrecvar's postStrata step).
 */
export function residualPsuTotals(cal: Calibration, psuTotals: Float64Array, moments: Float64Array): Float64Array {
  const p = cal.columns.length;
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i += 1) {
    let s = 0;
    for (let j = 0; j < p; j += 1) s += (cal.aInverse[i * p + j] as number) * (moments[j] as number);
    beta[i] = s;
  }
  const out = new Float64Array(psuTotals.length);
  for (let q = 0; q < psuTotals.length; q += 1) {
    let fitted = 0;
    for (let j = 0; j < p; j += 1) fitted += (cal.psuWx[q * p + j] as number) * (beta[j] as number);
    out[q] = (psuTotals[q] as number) - fitted;
  }
  return out;
}
