// Horizontal bars with confidence-interval whiskers (and an optional target tick), one bar per row: SIPAS
// criteria on 0-100%, PAPI dimensions on 1-10. The SVG scales to the phone's width through its viewBox.
import { esc, fmt } from './svg.js';

export interface BarRow {
  code: string;
  label: string;
  estimate: number;
  ciLow: number | null;
  ciHigh: number | null;
  target?: number | null;
  /** Text shown after the bar, already formatted for the reader (e.g. "81,62%"). */
  valueText: string;
}

export interface BarChartOptions {
  min: number;
  max: number;
  title: string;
  /** Axis tick values and how to print them. */
  ticks: readonly number[];
  tickText: (v: number) => string;
}

// Drawn on a narrow canvas so that, scaled to a 360 px phone, the 15 px text stays readable.
const width = 480;
const labelWidth = 200;
const valueWidth = 64;
const rowHeight = 30;

export function barChart(rows: readonly BarRow[], o: BarChartOptions): string {
  const plot = width - labelWidth - valueWidth;
  const x = (v: number): number =>
    labelWidth + (plot * (Math.min(o.max, Math.max(o.min, v)) - o.min)) / (o.max - o.min);
  const height = 30 + rows.length * rowHeight + 24;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.title)}" class="chart bars">`,
    `<title>${esc(o.title)}</title>`,
  ];
  for (const t of o.ticks) {
    parts.push(`<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="20" y2="${height - 20}" class="grid"/>`);
    parts.push(
      `<text x="${fmt(x(t))}" y="${height - 6}" class="tick" text-anchor="middle">${esc(o.tickText(t))}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = 24 + i * rowHeight;
    const label = r.label.length > 16 ? `${r.label.slice(0, 15)}…` : r.label;
    parts.push(`<g class="bar-row" data-code="${esc(r.code)}" data-estimate="${r.estimate}">`);
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + 19}" class="label" text-anchor="end"><title>${esc(r.code)} ${esc(r.label)}</title>${esc(r.code)} ${esc(label)}</text>`,
    );
    parts.push(
      `<rect x="${labelWidth}" y="${y + 3}" width="${fmt(Math.max(0, x(r.estimate) - labelWidth))}" height="${rowHeight - 8}" class="bar"/>`,
    );
    if (r.ciLow !== null && r.ciHigh !== null) {
      const mid = y + rowHeight / 2 - 1;
      parts.push(
        `<path d="M${fmt(x(r.ciLow))} ${mid}H${fmt(x(r.ciHigh))}M${fmt(x(r.ciLow))} ${mid - 5}V${mid + 5}M${fmt(x(r.ciHigh))} ${mid - 5}V${mid + 5}" class="whisker"/>`,
      );
    }
    if (r.target !== undefined && r.target !== null) {
      parts.push(`<path d="M${fmt(x(r.target))} ${y}V${y + rowHeight - 2}" class="target"/>`);
    }
    parts.push(`<text x="${width - valueWidth + 6}" y="${y + 19}" class="value">${esc(r.valueText)}</text></g>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
