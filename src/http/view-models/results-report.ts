// The round page laid out as a report: an overview chart of the index's main nodes, then one section per part
// (a SIPAS part, a PAPI dimension) with a chart per group that fits one screen and the part's own table. Each
// chart's axis is zoomed to its data (estimates, intervals, targets) within the scale the score can take.
import type { Lang } from '../../domain/errors.js';
import type { NodeResult, RoundResults } from '../../services/results/round-results.js';
import { decimalsOf, zoomedAxis } from '../charts/axis.js';
import { barChart } from '../charts/bars.js';
import { formatNumber, pickLabel, translator } from '../i18n/index.js';

export interface ReportPart {
  /** Anchor of the part's section (`part-I`, `part-5`). */
  id: string;
  node: NodeResult;
  charts: string[];
  /** The part's node and every node below it, in framework order. */
  nodes: NodeResult[];
}

export interface ReportLayout {
  /** The overview's charts (several when its rows exceed a phone's screen). */
  overview: string | null;
  parts: ReportPart[];
  /** Nodes tabled with the overview: the index (and a one-stop satisfaction tap), or every node without parts. */
  summaryNodes: NodeResult[];
}

type ValueText = (n: NodeResult, v: number | null) => string;

/** A scale's end as written (0,25 rather than 0,3), with at most three decimals. */
const exact = (v: number, lang: Lang): string => formatNumber(v, lang, Math.min(3, decimalsOf(v)));

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function scaleOf(rows: readonly NodeResult[], method: string): [number, number] {
  const s = rows.find((n) => n.scale !== null)?.scale;
  if (s) return [s[0], s[1]];
  if (rows.some((n) => n.share)) return [0, 1];
  return method === 'papi' ? [1, 10] : [0, 2];
}

/**
 * A phone's screen (360 × 640) holds about this many pixels of bar rows once the caption, axis and legend are
 * drawn; a longer group is split into charts that each fit (one chart per screen on every size).
 */
const phoneRowsPx = 430;

/**
 * A row's height on a 360 px phone, where its label takes the whole width above its bar: about 40 characters of
 * 0.9rem text a line (18 px), and the bar's own 30 px.
 */
function phoneRowPx(n: NodeResult, lang: Lang): number {
  const chars = n.code.length + 1 + pickLabel(n.label, lang).length;
  return 30 + 18 * Math.ceil(chars / 40);
}

/** Rows in consecutive runs that each fit a phone's screen, as even as the rows allow. */
export function screenfuls(rows: readonly NodeResult[], lang: Lang): NodeResult[][] {
  const heights = rows.map((n) => phoneRowPx(n, lang));
  const total = heights.reduce((a, b) => a + b, 0);
  if (total <= phoneRowsPx) return [[...rows]];
  // As many charts as the rows need, each filled up to an even share of them (never past a screen).
  const share = total / Math.ceil(total / phoneRowsPx);
  const out: NodeResult[][] = [];
  let run: NodeResult[] = [];
  let used = 0;
  rows.forEach((n, i) => {
    const h = heights[i] as number;
    if (run.length > 0 && (used + h > phoneRowsPx || used + h / 2 > share)) {
      out.push(run);
      run = [];
      used = 0;
    }
    run.push(n);
    used += h;
  });
  if (run.length > 0) out.push(run);
  return out;
}

function chartOf(
  rows: readonly NodeResult[],
  title: string,
  id: string,
  ctx: { lang: Lang; method: string; value: ValueText },
  /** The rows the axis is zoomed to: a group split over several charts keeps one axis. */
  axisRows: readonly NodeResult[] = rows,
): string {
  const t = translator(ctx.lang);
  const scale = scaleOf(axisRows, ctx.method);
  const share = axisRows.some((n) => n.share);
  const axis = zoomedAxis(
    axisRows.flatMap((n) => [n.estimate, n.ciLow, n.ciHigh, n.target?.goal ?? Number.NaN]),
    scale,
  );
  const tickText = share
    ? (v: number) => `${formatNumber(v * 100, ctx.lang, decimalsOf(axis.step * 100))}%`
    : (v: number) => formatNumber(v, ctx.lang, decimalsOf(axis.step));
  const withCi = axisRows.some((n) => finite(n.ciLow) !== null && finite(n.ciHigh) !== null);
  const withTarget = axisRows.some((n) => n.target?.goal !== undefined && n.target.goal !== null);
  return barChart(
    rows.map((n) => {
      const goal = n.target?.goal ?? null;
      return {
        code: n.code,
        label: pickLabel(n.label, ctx.lang),
        estimate: n.estimate,
        ciLow: finite(n.ciLow),
        ciHigh: finite(n.ciHigh),
        target: goal,
        valueText: ctx.value(n, n.estimate),
        ...(goal === null ? {} : { targetText: `${t('results.chart.targetShort')} ${ctx.value(n, goal)}` }),
      };
    }),
    {
      min: axis.min,
      max: axis.max,
      ticks: axis.ticks,
      tickText,
      title,
      id,
      level: rows[0]?.level ?? '',
      legend: {
        estimate: t('results.chart.estimate'),
        interval: withCi ? t('results.chart.interval') : null,
        target: withTarget ? t('results.chart.target') : null,
        axisNote:
          axis.min > scale[0] + 1e-12
            ? t('results.chart.axisFrom')
                .replace('{min}', tickText(axis.min))
                .replace('{scale}', share ? `${formatNumber(scale[0] * 100, ctx.lang, 0)}%` : exact(scale[0], ctx.lang))
            : null,
      },
    },
  );
}

/**
 * The charts of a group, each fitting a phone's screen. A split group's charts share its axis and say which piece
 * they are; the first keeps the group's anchor.
 */
function screenCharts(
  rows: readonly NodeResult[],
  title: string,
  id: string,
  ctx: { lang: Lang; method: string; value: ValueText },
): string[] {
  const runs = screenfuls(rows, ctx.lang);
  if (runs.length === 1) return [chartOf(rows, title, id, ctx)];
  return runs.map((run, i) =>
    chartOf(run, `${title} (${i + 1}/${runs.length})`, i === 0 ? id : `${id}-${i + 1}`, ctx, rows),
  );
}

/**
 * The overview shows the top level when it has at least three nodes (PAPI's eight dimensions), otherwise the
 * level below (SIPAS's nine elements rather than two parts). A part's charts then show the level below what the
 * overview showed: PAPI sub-dimensions per dimension, SIPAS criteria per element.
 */
export function reportLayout(r: RoundResults, lang: Lang, value: ValueText): ReportLayout {
  const levels = r.questionnaire.definition.framework?.levels ?? [];
  const framework = r.nodes.filter((n) => n.level !== 'overall' && n.level !== 'satisfaction');
  const children = (code: string) => framework.filter((n) => n.parent === code);
  const top = framework.filter((n) => n.level === levels[0]?.key);
  const ctx = { lang, method: r.result.method, value };
  const overviewDepth = top.length >= 3 || levels.length < 2 ? 0 : 1;
  const overviewLevel = levels[overviewDepth];
  const overviewRows = framework.filter((n) => n.level === overviewLevel?.key);
  const overviewTitle = `${pickLabel(overviewLevel?.label, lang)} · ${r.round.label}`;
  const overview =
    overviewRows.length > 0 ? screenCharts(overviewRows, overviewTitle, 'chart-overview', ctx).join('') : null;
  const summary = r.nodes.filter((n) => n.level === 'overall' || n.level === 'satisfaction');
  if (levels.length < 2) return { overview, parts: [], summaryNodes: [...summary, ...framework] };
  const below = (code: string): NodeResult[] => children(code).flatMap((c) => [c, ...below(c.code)]);
  const parts = top.map((part): ReportPart => {
    const groups = overviewDepth === 0 ? [part] : children(part.code);
    const charts = groups
      .map((g) => ({ g, rows: children(g.code) }))
      .filter(({ rows }) => rows.length > 0)
      .flatMap(({ g, rows }) => {
        // A chart of the part itself is captioned by what it shows: the section's heading already names the part.
        const title =
          g === part ? `${pickLabel(levels[1]?.label, lang)} · ${g.code}` : `${g.code} ${pickLabel(g.label, lang)}`;
        return screenCharts(rows, title, `chart-${g.code}`, ctx);
      });
    return { id: `part-${part.code}`, node: part, charts, nodes: [part, ...below(part.code)] };
  });
  return { overview, parts, summaryNodes: summary };
}
