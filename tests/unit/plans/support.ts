// A hand-filled Facts for the plan evaluation tests: survey estimates, published rows, indicator values and a
// framework's children, keyed the way the tests read them.
import { exactFigure, type Facts, type Figure, type PublishedFigure } from '../../../src/domain/plans/facts.js';
import type { IndexCode, Subject } from '../../../src/domain/plans/model.js';

export interface FactTables {
  survey?: Record<string, { value: number; se: number; df: number }>;
  published?: Record<string, Partial<PublishedFigure>>;
  indicator?: Record<string, number>;
  children?: Record<string, string[]>;
  lower?: string[];
}

/** Keys: survey "INDEX:node:year" (or "INDEX:node@domain:year"), published "INDEX:node:year", indicator "code:year". */
export function facts(t: FactTables): Facts {
  return {
    survey(subject, year) {
      const key = `${subject.index}:${subject.node}${subject.domain ? `@${subject.domain.value}` : ''}:${year}`;
      const s = t.survey?.[key];
      if (!s) return null;
      const half = 1.96 * s.se;
      const fig: Figure = {
        ...s,
        ciLow: s.value - half,
        ciHigh: s.value + half,
        basis: 'survey',
        year,
        source: `round-${year}`,
      };
      return fig;
    },
    published(index: IndexCode, node: string, year: number) {
      const p = t.published?.[`${index}:${node}:${year}`];
      return p ? { year, score: null, rank: null, provinces: null, group: null, ...p } : null;
    },
    indicator(code: string, year: number) {
      const v = t.indicator?.[`${code}:${year}`];
      return v === undefined ? null : exactFigure(v, 'indicator', year, String(year));
    },
    children(index: IndexCode, node: string, level: string | null) {
      return t.children?.[`${index}:${node}${level ? `/${level}` : ''}`] ?? [];
    },
    direction(subject: Subject) {
      return subject.type === 'indicator' && (t.lower ?? []).includes(subject.indicator) ? 'lower' : 'higher';
    },
  };
}

export const node = (index: IndexCode, code: string, domain: string | null = null): Subject => ({
  type: 'node',
  index,
  node: code,
  domain: domain === null ? null : { kind: 'service_field', value: domain },
});

export const indicator = (code: string): Subject => ({ type: 'indicator', indicator: code });
