// View model of a results page: numbers formatted as Vietnamese readers expect (81,62%) with the pack's decimals,
// changes with their unit (percentage points for a share, points for PAPI), the quality of each estimate (design
// effect, effective n, CV) and the reason it is flagged, targets in words, SVG charts and the breakdown table.
import type { Lang } from '../../domain/errors.js';
import { reliabilityRule, type NodeScore } from '../../domain/scoring/index.js';
import type { TargetStatus } from '../../domain/results/targets.js';
import type { ResponseRate } from '../../domain/sampling/index.js';
import type { RoundResults } from '../../services/results/round-results.js';
import { zoomedAxis } from '../charts/axis.js';
import { trendChart } from '../charts/trend.js';
import { formatNumber, translator } from '../i18n/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { reportLayout, type ReportLayout } from './results-report.js';

type Scored = Pick<NodeScore, 'share'>;
type Quality = Pick<NodeScore, 'n' | 'nMin' | 'df' | 'cv' | 'deff' | 'nEff' | 'reliability'>;

export interface ResultsView {
  isShare: boolean;
  decimals: number;
  /** The index's own value (a share in %, or points). */
  fmt: (v: number | null) => string;
  /** A node's value in its own unit (a one-stop round mixes points and a share). */
  value: (n: Scored, v: number | null) => string;
  /** The interval, or why there is none, in words. */
  ci: (n: Scored & Pick<NodeScore, 'ciLow' | 'ciHigh' | 'interval'> & Quality) => string;
  /** A signed change with its unit ("+9,83 điểm phần trăm"). */
  change: (n: Scored, v: number | null) => string;
  /** A signed change without its unit (the column header carries it). */
  fmtChange: (v: number | null) => string;
  /** The unit of changes and gaps of the index's nodes. */
  changeUnit: string;
  deff: (n: Quality) => string;
  nEff: (n: Quality) => string;
  cv: (n: Quality) => string;
  df: (n: Quality) => string;
  /** The flag's short tag and its reason in a sentence (empty for ok). */
  flag: (n: Quality) => { short: string; text: string };
  /**
   * The flag a row of the round's own table shows: few design df concern every estimate of the round alike, so the
   * headline says it once and a row shows what else applies (a CV above 30%).
   */
  rowFlag: (n: Quality) => { short: string; text: string };
  /** The round's design has fewer than 8 df: every estimate is flagged for it. */
  fewDesignDf: boolean;
  targetStatus: (t: TargetStatus) => string;
  /** The overview chart, and one section per part with its charts and table. */
  report: ReportLayout;
  /** The response rate with its counts, or why there is none, in words. */
  responseRate: string;
  trend: string | null;
}

export function responseRateText(rr: ResponseRate | null, lang: Lang): string {
  const t = translator(lang);
  if (rr === null) return t('results.responseRate.none');
  if (rr.rate === null) return t('results.responseRate.pending');
  return t('results.responseRate.value')
    .replace('{rate}', `${formatNumber(rr.rate * 100, lang, 1)}%`)
    .replace('{completed}', formatNumber(rr.completed, lang, 0))
    .replace('{eligible}', formatNumber(rr.eligible, lang, 0));
}

export function resultsView(r: RoundResults, lang: Lang, responseRate: ResponseRate | null = null): ResultsView {
  const t = translator(lang);
  const decimals = r.units.decimals;
  const isShare = r.units.unit === 'percent';
  const number = (v: number, digits = decimals): string => formatNumber(v, lang, digits);
  const value = (n: Scored, v: number | null): string =>
    v === null || !Number.isFinite(v) ? '–' : n.share ? `${number(v * 100)}%` : number(v);
  const signed = (n: Scored, v: number | null): string => {
    if (v === null || !Number.isFinite(v)) return '–';
    const text = number(n.share ? v * 100 : v);
    return v > 0 ? `+${text}` : text;
  };
  const unitOf = (n: Scored): string => t(n.share ? 'results.unit.pp' : 'results.unit.points');
  const indexNode: Scored = { share: isShare };
  const fill = (key: MessageKey, n: Quality): string =>
    t(key)
      .replace('{n}', String(n.n))
      .replace('{df}', Number.isFinite(n.df) ? String(n.df) : '–')
      .replace('{cv}', n.cv === null ? '–' : `${formatNumber(n.cv * 100, lang, 1)}%`);
  const flag = (n: Quality): { short: string; text: string } => {
    if (n.reliability === 'ok') return { short: '', text: '' };
    const reason = n.reliability === 'n_lt_30' && (n.n === 0 || n.nMin === 0) ? 'n_zero' : n.reliability;
    return {
      short: t(`results.flag.${n.reliability}` as MessageKey),
      text: fill(`results.reason.${reason}` as MessageKey, n),
    };
  };
  const designDf = r.design.df;
  const rowFlag = (n: Quality): { short: string; text: string } => {
    if (n.reliability !== 'df_lt_8' || n.df !== designDf) return flag(n);
    return n.cv !== null && n.cv > reliabilityRule.maxCv
      ? flag({ ...n, reliability: 'cv_gt_30' })
      : flag({ ...n, reliability: 'ok' });
  };
  const ci: ResultsView['ci'] = (n) => {
    if (n.interval !== 'none' && Number.isFinite(n.ciLow) && Number.isFinite(n.ciHigh))
      return `${value(n, n.ciLow)} – ${value(n, n.ciHigh)}`;
    if (n.reliability === 'no_df') return t('results.ci.noDf');
    if (n.reliability === 'self_selected') return t('results.ci.selfSelected');
    return `${t('results.ci.none')} (${flag(n).short})`;
  };
  const overall = r.nodes[0] as Scored;
  const trend =
    r.trend.length > 1
      ? trendChart(
          r.trend.map((p) => ({ round: p.label, estimate: p.estimate, valueText: value(overall, p.estimate) })),
          {
            ...zoomedAxis(
              r.trend.map((p) => p.estimate),
              r.result.method === 'papi' ? [8, 80] : r.result.method === 'one_stop' ? [0, 18] : [0, 1],
            ),
            title: `${r.result.index}: ${r.trend.map((p) => p.label).join(' → ')}`,
          },
        )
      : null;
  return {
    isShare,
    decimals,
    fmt: (v) => value(indexNode, v),
    value,
    ci,
    change: (n, v) => (v === null || !Number.isFinite(v) ? '–' : `${signed(n, v)} ${unitOf(n)}`),
    fmtChange: (v) => signed(indexNode, v),
    changeUnit: unitOf(indexNode),
    deff: (n) => (n.deff === null ? '–' : number(n.deff, 2)),
    nEff: (n) => (n.nEff === null ? '–' : number(n.nEff, 0)),
    cv: (n) => (n.cv === null ? '–' : `${formatNumber(n.cv * 100, lang, 1)}%`),
    df: (n) => (Number.isFinite(n.df) ? String(n.df) : '–'),
    flag,
    rowFlag,
    fewDesignDf: !r.selfSelected && designDf > 0 && designDf < reliabilityRule.minDf,
    targetStatus: (s) =>
      `${t(`results.target.${s.status}` as MessageKey)}${s.basis === 'point' ? ` ${t('results.target.point')}` : ''}`,
    report: reportLayout(r, lang, value),
    responseRate: responseRateText(responseRate, lang),
    trend,
  };
}
