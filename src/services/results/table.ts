// The flat table behind every aggregated download (CSV, XLSX, JSON) and the JSON API: one row per node (and
// per domain level when broken down), plain numbers with dot decimals.
import type { RoundResults } from './round-results.js';

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
  'n',
  'df',
  'unreliable',
  'previous',
  'change',
  'change_se',
  'change_significant',
  'target_kind',
  'target_value',
  'goal',
  'gap',
  'owner',
] as const;
export type ResultRow = Record<(typeof resultColumns)[number], string | number | boolean | null>;

export function resultRows(r: RoundResults): ResultRow[] {
  const rows: ResultRow[] = r.nodes.map((n) => ({
    round: r.round.code,
    index: r.result.index,
    domain: null,
    domain_level: null,
    node: n.code,
    level: n.level,
    label_vi: n.label.vi,
    label_en: n.label.en ?? null,
    estimate: n.estimate,
    se: n.se,
    ci_low: n.ciLow,
    ci_high: n.ciHigh,
    n: n.n,
    df: n.df,
    unreliable: n.unreliable,
    previous: n.change?.previous ?? null,
    change: n.change?.change ?? null,
    change_se: n.change?.se ?? null,
    change_significant: n.change?.significant ?? null,
    target_kind: n.target?.kind ?? null,
    target_value: n.target?.value ?? null,
    goal: n.target?.goal ?? null,
    gap: n.target?.gap ?? null,
    owner: n.target?.owner ?? null,
  }));
  for (const level of r.breakdown?.table.levels ?? []) {
    for (const n of [level.result.overall, ...level.result.nodes]) {
      rows.push({
        round: r.round.code,
        index: r.result.index,
        domain: r.breakdown?.by ?? null,
        domain_level: level.level,
        node: n.code,
        level: n.level,
        label_vi: n.label.vi,
        label_en: n.label.en ?? null,
        estimate: n.estimate,
        se: n.se,
        ci_low: n.ciLow,
        ci_high: n.ciHigh,
        n: n.n,
        df: n.df,
        unreliable: level.unreliable || n.unreliable,
        previous: null,
        change: null,
        change_se: null,
        change_significant: null,
        target_kind: null,
        target_value: null,
        goal: null,
        gap: null,
        owner: null,
      });
    }
  }
  return rows;
}
