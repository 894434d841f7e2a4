// A line across rounds for one score (overall SIPAS %, PAPI total): one point per round, labelled by round.
import { esc, fmt } from './svg.js';

export interface TrendPoint {
  round: string;
  estimate: number;
  valueText: string;
}

export function trendChart(points: readonly TrendPoint[], o: { min: number; max: number; title: string }): string {
  const width = 480;
  const height = 220;
  const left = 50;
  const right = 50;
  const top = 20;
  const bottom = 40;
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number): number => (points.length > 1 ? left + i * step : width / 2);
  const y = (v: number): number =>
    top + ((height - top - bottom) * (o.max - Math.min(o.max, Math.max(o.min, v)))) / (o.max - o.min);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(x(i))} ${fmt(y(p.estimate))}`).join('');
  const dots = points
    .map(
      (p, i) =>
        `<g class="point" data-round="${esc(p.round)}" data-estimate="${p.estimate}"><circle cx="${fmt(x(i))}" cy="${fmt(y(p.estimate))}" r="4"/>` +
        `<text x="${fmt(x(i))}" y="${fmt(y(p.estimate) - 8)}" text-anchor="middle" class="value">${esc(p.valueText)}</text>` +
        `<text x="${fmt(x(i))}" y="${height - 14}" text-anchor="middle" class="tick">${esc(p.round)}</text></g>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.title)}" class="chart trend">` +
    `<title>${esc(o.title)}</title><path d="${path}" class="line"/>${dots}</svg>`
  );
}
