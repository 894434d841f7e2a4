// Horizontal bars with confidence-interval whiskers and a target mark, one row per node, on an axis zoomed to the
// data. Labels are HTML text that wraps (never cut); the geometry is SVG placed in percentages of the plot's
// width, so the same markup fits a 360 px phone, a desktop and an A4 page without scaling the text, and needs
// neither inline styles (the CSP forbids them) nor script.
import { esc } from './svg.js';

export interface BarRow {
  code: string;
  label: string;
  estimate: number;
  ciLow: number | null;
  ciHigh: number | null;
  target?: number | null;
  /** Text shown after the bar, already formatted for the reader (e.g. "81,62%"). */
  valueText: string;
  /** The target in words beside the value (e.g. "mục tiêu ≥ 85,00%"). */
  targetText?: string;
}

export interface BarChartOptions {
  min: number;
  max: number;
  title: string;
  /** Axis tick values and how to print them. */
  ticks: readonly number[];
  tickText: (v: number) => string;
  /** Words of the legend: the bar, the whisker, the target mark, and a note on the axis (e.g. where it starts). */
  legend?: { estimate: string; interval: string | null; target: string | null; axisNote: string | null };
  /** An id for the figure (an anchor), and the level of its rows (data-level). */
  id?: string;
  level?: string;
}

const pct = (v: number): string => `${(Math.round(v * 100) / 100).toString()}%`;

function plot(r: BarRow, at: (v: number) => number, ticks: readonly number[]): string {
  const parts = ticks.map((t) => `<line x1="${pct(at(t))}" x2="${pct(at(t))}" y1="0" y2="100%" class="grid"/>`);
  // Bars, caps and the target keep a fixed thickness, centred on the row whatever height its label gives it.
  parts.push(
    `<rect x="0" y="50%" width="${pct(at(r.estimate))}" height="14" transform="translate(0 -7)" class="bar"/>`,
  );
  if (r.ciLow !== null && r.ciHigh !== null) {
    const [lo, hi] = [pct(at(r.ciLow)), pct(at(r.ciHigh))];
    parts.push(
      `<line x1="${lo}" x2="${hi}" y1="50%" y2="50%" class="whisker"/>` +
        `<rect x="${lo}" y="50%" width="1.5" height="12" transform="translate(-0.75 -6)" class="cap"/>` +
        `<rect x="${hi}" y="50%" width="1.5" height="12" transform="translate(-0.75 -6)" class="cap"/>`,
    );
  }
  if (r.target !== undefined && r.target !== null) {
    const x = pct(at(r.target));
    parts.push(`<rect x="${x}" y="50%" width="3" height="24" transform="translate(-1.5 -12)" class="target"/>`);
  }
  return `<div class="bar-plot"><svg aria-hidden="true" focusable="false">${parts.join('')}</svg></div>`;
}

function legendOf(o: NonNullable<BarChartOptions['legend']>): string {
  const item = (cls: string, svg: string, text: string): string =>
    `<li class="${cls}"><svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${svg}</svg> ${esc(text)}</li>`;
  const items = [item('legend-estimate', '<rect x="0" y="3" width="28" height="8" class="bar"/>', o.estimate)];
  if (o.interval) {
    items.push(
      item(
        'legend-interval',
        '<path d="M3 7H25" class="whisker"/><rect x="2.25" y="2" width="1.5" height="10" class="cap"/><rect x="24.25" y="2" width="1.5" height="10" class="cap"/>',
        o.interval,
      ),
    );
  }
  if (o.target)
    items.push(item('legend-target', '<rect x="12.5" y="0" width="3" height="14" class="target"/>', o.target));
  const note = o.axisNote ? `<li class="legend-axis">${esc(o.axisNote)}</li>` : '';
  return `<ul class="chart-legend">${items.join('')}${note}</ul>`;
}

export function barChart(rows: readonly BarRow[], o: BarChartOptions): string {
  const at = (v: number): number => (100 * (Math.min(o.max, Math.max(o.min, v)) - o.min)) / (o.max - o.min);
  const body = rows.map((r) => {
    const target = r.target ?? null;
    return (
      `<div class="bar-row" role="listitem" data-code="${esc(r.code)}" data-estimate="${r.estimate}"` +
      `${target === null ? '' : ` data-target="${target}"`}>` +
      `<div class="bar-label"><span class="code">${esc(r.code)}</span> ${esc(r.label)}</div>` +
      plot(r, at, o.ticks) +
      `<div class="bar-value">${esc(r.valueText)}` +
      `${r.targetText ? `<span class="bar-target">${esc(r.targetText)}</span>` : ''}</div></div>`
    );
  });
  // Every other tick is minor: a phone's narrow plot shows only the major ones (public/css/results.css).
  const ticks = o.ticks.map(
    (t, i) =>
      `<text x="${pct(at(t))}" y="14" text-anchor="middle" class="tick${o.ticks.length > 4 && i % 2 === 1 ? ' minor' : ''}">${esc(o.tickText(t))}</text>`,
  );
  const axis = `<div class="bar-axis" aria-hidden="true"><div class="bar-plot"><svg>${ticks.join('')}</svg></div></div>`;
  return (
    `<figure class="chart bars"${o.id ? ` id="${esc(o.id)}"` : ''}${o.level ? ` data-level="${esc(o.level)}"` : ''}>` +
    `<figcaption>${esc(o.title)}</figcaption>` +
    `<div class="bar-rows" role="list">${body.join('')}${axis}</div>` +
    `${o.legend ? legendOf(o.legend) : ''}</figure>`
  );
}
