// Small dense linear algebra for calibration (p × p systems, p = model-matrix columns).

/** Inverse of a p × p row-major matrix by Gauss–Jordan with partial pivoting; null when singular. */
export function invert(matrix: Float64Array, p: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i += 1) inv[i * p + i] = 1;
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < p; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < p; r += 1)
      if (Math.abs(a[r * p + col] as number) > Math.abs(a[pivot * p + col] as number)) pivot = r;
    const pv = a[pivot * p + col] as number;
    if (!(Math.abs(pv) > scale * 1e-13)) return null;
    if (pivot !== col) {
      swapRows(a, p, pivot, col);
      swapRows(inv, p, pivot, col);
    }
    for (let j = 0; j < p; j += 1) {
      a[col * p + j] = (a[col * p + j] as number) / pv;
      inv[col * p + j] = (inv[col * p + j] as number) / pv;
    }
    for (let r = 0; r < p; r += 1) {
      if (r === col) continue;
      const factor = a[r * p + col] as number;
      if (factor === 0) continue;
      for (let j = 0; j < p; j += 1) {
        a[r * p + j] = (a[r * p + j] as number) - factor * (a[col * p + j] as number);
        inv[r * p + j] = (inv[r * p + j] as number) - factor * (inv[col * p + j] as number);
      }
    }
  }
  return inv;
}

function swapRows(m: Float64Array, p: number, r1: number, r2: number): void {
  for (let j = 0; j < p; j += 1) {
    const t = m[r1 * p + j] as number;
    m[r1 * p + j] = m[r2 * p + j] as number;
    m[r2 * p + j] = t;
  }
}

/** y = M x for a p × p row-major matrix. */
export function multiply(matrix: Float64Array, x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i += 1) {
    let s = 0;
    for (let j = 0; j < p; j += 1) s += (matrix[i * p + j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}
