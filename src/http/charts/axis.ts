// The value axis of a chart zoomed to its data: estimates, interval bounds and targets all inside, with round
// ticks, never beyond the scale the score can take. A SIPAS chart of shares between 75% and 88% gets 70–90%
// rather than a 0–100% axis that flattens the differences the reader is looking for.

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
  step: number;
}

const niceSteps = [1, 2, 2.5, 5, 10];

/** The smallest round step (1, 2, 2.5 or 5 × 10^k) that covers `span` in at most `maxTicks` − 1 intervals. */
export function niceStep(span: number, maxTicks = 6): number {
  const raw = span / Math.max(1, maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = niceSteps.find((s) => s * power >= raw - 1e-12) ?? 10;
  return step * power;
}

/** Decimals a tick needs to be printed exactly (0,25 needs 2, 75 needs 0). */
export function decimalsOf(step: number): number {
  for (let d = 0; d < 8; d += 1) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 8;
}

/**
 * An axis for `values` (estimates, CI bounds, targets; non-finite ones are ignored) within `scale`, padded by a
 * tenth of the data's span on each side and widened to whole steps. With no data it is the whole scale.
 * Example: zoomedAxis([0.76, 0.84, 0.9], [0, 1]) → { min: 0.7, max: 0.95, ticks: [0.7, 0.75, …, 0.95], step: 0.05 }.
 */
export function zoomedAxis(values: readonly number[], scale: readonly [number, number], maxTicks = 6): Axis {
  const finite = values.filter((v) => Number.isFinite(v)).map((v) => Math.min(scale[1], Math.max(scale[0], v)));
  const [low, high] = finite.length > 0 ? [Math.min(...finite), Math.max(...finite)] : scale;
  // A span of at least 5% of the scale keeps equal estimates from filling the axis with one bar's noise.
  const span = Math.max(high - low, (scale[1] - scale[0]) * 0.05);
  const mid = (low + high) / 2;
  const [lo, hi] = [Math.min(low, mid - span / 2), Math.max(high, mid + span / 2)];
  const pad = span * 0.1;
  const step = niceStep(span + 2 * pad, maxTicks);
  const min = Math.max(scale[0], Math.floor((lo - pad) / step + 1e-9) * step);
  const max = Math.min(scale[1], Math.ceil((hi + pad) / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.round(v / step) * step);
  }
  return { min, max, ticks, step };
}
