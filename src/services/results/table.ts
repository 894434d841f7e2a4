// The flat table behind every aggregated download (CSV, XLSX, JSON) and the JSON API: one row per node (and
// per domain level when broken down), plain numbers with dot decimals; shares as proportions (0.84), their changes
// in proportion units (0.05 = 5 percentage points). The columns follow /work/notes/results-contract.md: the
// interval method, the scale, the design df, design effect, effective n, CV and the reliability flag's reason.
import type { NodeScore } from '../../domain/scoring/index.js';
import type { NodeResult, RoundResults } from './round-results.js';

export const resultColumns = [
  'round',
  'index',
  'domain',
  'domain_level',
  'node',
  'level',
  'label_vi',
  'label_en',
  'estimate',
  'se',
  'ci_low',
  'ci_high',
  'interval_method',
  'scale_min',
  'scale_max',
  'unit',
  'decimals',
  'n',
  'df',
  'deff',
  'n_eff',
  'cv',
  'reliability',
  'unreliable',
  'previous',
  'change',
  'change_se',
  'change_df',
  'change_ci_low',
  'change_ci_high',
  'change_significant',
  'target_kind',
  'target_value',
  'goal',
  'gap',
  'target_status',
  'owner',
] as const;
export type ResultRow = Record<(typeof resultColumns)[number], string | number | boolean | null>;

/** A number, or null for NaN and ±Infinity (an empty cell; JSON has no NaN). */
const num = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

function nodeColumns(r: RoundResults, n: NodeScore, domain: string | null, level: string | null) {
  return {
    round: r.round.code,
    index: r.result.index,
    domain,
    domain_level: level,
    node: n.code,
    level: n.level,
    label_vi: n.label.vi,
    label_en: n.label.en ?? null,
    estimate: num(n.estimate),
    se: num(n.se),
    ci_low: num(n.ciLow),
    ci_high: num(n.ciHigh),
    interval_method: n.interval,
    scale_min: n.scale?.[0] ?? null,
    scale_max: n.scale?.[1] ?? null,
    unit: n.share ? 'proportion' : 'points',
    decimals: r.units.decimals,
    n: n.n,
    df: num(n.df),
    deff: num(n.deff),
    n_eff: num(n.nEff),
    cv: num(n.cv),
    reliability: n.reliability,
    unreliable: n.unreliable,
  };
}

const noComparison = {
  previous: null,
  change: null,
  change_se: null,
  change_df: null,
  change_ci_low: null,
  change_ci_high: null,
  change_significant: null,
  target_kind: null,
  target_value: null,
  goal: null,
  gap: null,
  target_status: null,
  owner: null,
};

function comparison(n: NodeResult) {
  const c = n.change;
  const t = n.target;
  return {
    previous: num(c?.previous),
    change: num(c?.change),
    change_se: num(c?.se),
    change_df: num(c?.df),
    change_ci_low: num(c?.ciLow),
    change_ci_high: num(c?.ciHigh),
    change_significant: c ? c.significant : null,
    target_kind: t?.kind ?? null,
    target_value: t?.value ?? null,
    goal: num(t?.goal),
    gap: num(t?.gap),
    target_status: t?.status ?? null,
    owner: t?.owner ?? null,
  };
}

export function resultRows(r: RoundResults): ResultRow[] {
  const rows: ResultRow[] = r.nodes.map((n) => ({ ...nodeColumns(r, n, null, null), ...comparison(n) }));
  for (const level of r.breakdown?.table.levels ?? []) {
    for (const n of [level.result.overall, ...level.result.nodes]) {
      rows.push({ ...nodeColumns(r, n, r.breakdown?.by ?? null, level.level), ...noComparison });
    }
  }
  return rows;
}

/**
 * The JSON download and API body: the rows, the design, how to show the figures, and the respondents a breakdown
 * leaves out (missing-data answers, no answer), counted apart rather than as a level.
 */
export function resultsJson(r: RoundResults) {
  return {
    round: r.round.code,
    design: r.design,
    shareInterval: r.round.share_interval,
    units: r.units,
    selfSelected: r.selfSelected,
    breakdownExcluded: r.breakdown
      ? r.breakdown.table.excluded.map((e) => ({ code: e.code, kind: e.kind, label: e.label, count: e.count }))
      : null,
    rows: resultRows(r),
  };
}
