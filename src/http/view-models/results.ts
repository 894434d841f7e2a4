// View model of a results page: numbers formatted as Vietnamese readers expect (81,62%), SVG charts, the list
// of nodes below target with owners, and the breakdown table.
import type { Lang } from '../../domain/errors.js';
import type { RoundResults } from '../../services/results/round-results.js';
import { barChart } from '../charts/bars.js';
import { trendChart } from '../charts/trend.js';
import { formatNumber, pickLabel } from '../i18n/index.js';

export interface ResultsView {
  isShare: boolean;
  fmt: (v: number | null) => string;
  fmtChange: (v: number | null) => string;
  chart: string;
  chartTitle: string;
  trend: string | null;
}

export function resultsView(r: RoundResults, lang: Lang): ResultsView {
  const isShare = r.result.method === 'sipas';
  const fmt = (v: number | null): string =>
    v === null || !Number.isFinite(v) ? '–' : isShare ? `${formatNumber(v * 100, lang, 2)}%` : formatNumber(v, lang, 2);
  const fmtChange = (v: number | null): string => {
    if (v === null || !Number.isFinite(v)) return '–';
    const text = isShare ? `${formatNumber(v * 100, lang, 2)}` : formatNumber(v, lang, 2);
    return v > 0 ? `+${text}` : text;
  };
  const levels = r.questionnaire.definition.framework?.levels.map((l) => l.key) ?? [];
  // SIPAS: one bar per criterion (the leaves); PAPI: the dimension profile out of 10; one-stop: indicators.
  const chartLevel = r.result.method === 'papi' ? levels[0] : levels[levels.length - 1];
  const rows = r.nodes.filter((n) => n.level === chartLevel);
  const scale = isShare
    ? { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], tickText: (v: number) => `${v * 100}%` }
    : r.result.method === 'papi'
      ? { min: 1, max: 10, ticks: [1, 4, 7, 10], tickText: (v: number) => String(v) }
      : { min: 0, max: 2, ticks: [0, 1, 2], tickText: (v: number) => String(v) };
  const chartTitle = `${r.result.index} · ${r.round.label}`;
  const chart = barChart(
    rows.map((n) => ({
      code: n.code,
      label: pickLabel(n.label, lang),
      estimate: n.estimate,
      ciLow: n.ciLow,
      ciHigh: n.ciHigh,
      target: n.target?.goal ?? null,
      valueText: fmt(n.estimate),
    })),
    { ...scale, title: chartTitle },
  );
  const trend =
    r.trend.length > 1
      ? trendChart(
          r.trend.map((p) => ({ round: p.label, estimate: p.estimate, valueText: fmt(p.estimate) })),
          {
            min: r.result.method === 'papi' ? 8 : 0,
            max: r.result.method === 'papi' ? 80 : r.result.method === 'one_stop' ? 18 : 1,
            title: `${r.result.index}: ${r.trend.map((p) => p.label).join(' → ')}`,
          },
        )
      : null;
  return { isShare, fmt, fmtChange, chart, chartTitle, trend };
}
