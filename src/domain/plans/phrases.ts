// How a target is put into words, in Vietnamese (the report's language) and English: its aim ("trên 90%",
// "trong nhóm 10 tỉnh, thành phố dẫn đầu", "tăng tối thiểu 0,1 điểm so với năm 2023"), its figure with its unit
// and CI, and its status. Shared by the pages and the DOCX report, which must say the same thing.
import type { Evaluation, PendingReason, Status } from './evaluate.js';
import type { Figure } from './facts.js';
import { indexUnit } from './indices.js';
import type { Aim, Compare, SimpleAim, Subject } from './model.js';

export type PhraseLang = 'vi' | 'en';

const words = {
  vi: {
    at_least: 'tối thiểu {v}',
    above: 'trên {v}',
    at_most: 'tối đa {v}',
    below: 'dưới {v}',
    increase: 'cao hơn năm {y}',
    decrease: 'thấp hơn năm {y}',
    up: 'tăng {c} {v} so với năm {y}',
    down: 'giảm {c} {v} so với năm {y}',
    at_leastWord: 'tối thiểu',
    aboveWord: 'hơn',
    at_mostWord: 'tối đa',
    belowWord: 'chưa tới',
    keepHigher: 'không thấp hơn năm {y}',
    keepLower: 'không cao hơn năm {y}',
    rank: 'trong nhóm {v} tỉnh, thành phố dẫn đầu',
    first: 'dẫn đầu cả nước',
    group: 'trong nhóm “{v}”',
    rule: 'mỗi {l}{w}: {t}',
    where: ' có kết quả năm gốc {t}',
    child: 'tiêu chí',
    points: 'điểm',
    rankOf: 'thứ {r}/{n}',
    groupOf: 'nhóm “{g}”',
    ci: 'KTC 95%',
    met: 'Đạt',
    missed: 'Không đạt',
    indistinct: 'Chưa phân biệt được với mục tiêu (KTC 95%)',
    indistinctShort: 'Chưa phân biệt được',
    pending: 'Chưa có số liệu',
    no_figure: 'chưa có số liệu của năm',
    no_baseline: 'chưa có số liệu năm gốc',
    no_published: 'chưa có kết quả công bố',
    survey: 'khảo sát của tỉnh',
    published: 'công bố',
    indicator: 'số liệu hành chính',
    plan: 'theo kế hoạch',
  },
  en: {
    at_least: 'at least {v}',
    above: 'above {v}',
    at_most: 'at most {v}',
    below: 'below {v}',
    increase: 'higher than in {y}',
    decrease: 'lower than in {y}',
    up: 'up {c} {v} on {y}',
    down: 'down {c} {v} on {y}',
    at_leastWord: 'at least',
    aboveWord: 'more than',
    at_mostWord: 'at most',
    belowWord: 'less than',
    keepHigher: 'no lower than in {y}',
    keepLower: 'no higher than in {y}',
    rank: 'among the top {v} provinces',
    first: 'first in the country',
    group: 'in the group “{v}”',
    rule: 'every {l}{w}: {t}',
    where: ' whose baseline is {t}',
    child: 'child',
    points: 'points',
    rankOf: 'rank {r}/{n}',
    groupOf: 'group “{g}”',
    ci: '95% CI',
    met: 'Met',
    missed: 'Missed',
    indistinct: 'Not distinguishable from the target at 95%',
    indistinctShort: 'Not distinguishable',
    pending: 'Pending',
    no_figure: 'no figure for the year yet',
    no_baseline: 'no figure for the baseline year',
    no_published: 'not published yet',
    survey: "province's survey",
    published: 'published',
    indicator: 'administrative data',
    plan: 'stated in the plan',
  },
} as const;

export type Phrase = keyof (typeof words)['vi'];

export interface Describer {
  readonly lang: PhraseLang;
  /** A number as the language writes it (Vietnamese: 81,62). */
  readonly number: (value: number, digits: number) => string;
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w)\}/g, (_, k: string) => values[k] ?? '');

export function phrase(d: Describer, key: Phrase, values: Record<string, string> = {}): string {
  return fill(words[d.lang][key], values);
}

/** The unit of a subject's figures: SIPAS and the PAR Index in %, PAPI and TT01 in points, an indicator its own. */
export function unitOf(subject: Subject, indicatorUnit: string | null = null): string {
  return subject.type === 'indicator' ? (indicatorUnit ?? '') : indexUnit(subject.index);
}

/** As few decimals as the value needs, at most two: 90, 0,1, 84,05. */
export function decimalsOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  return Number.isInteger(Math.round(value * 1e6) / 1e5) ? 1 : 2;
}

/** A value with its unit: "90,00%", "44,32 điểm", "20 phút/lần"; digits 'auto' writes 90% and 0,1 điểm. */
export function valueText(d: Describer, value: number, unit: string, digits: number | 'auto' = 2): string {
  const shown = d.number(value, digits === 'auto' ? decimalsOf(value) : digits);
  if (unit === '%') return `${shown}%`;
  if (unit === 'điểm') return `${shown} ${phrase(d, 'points')}`;
  return unit ? `${shown} ${unit}` : shown;
}

const compareWord = (compare: Compare): Phrase => `${compare}Word` as Phrase;

function simpleAimText(
  d: Describer,
  aim: SimpleAim,
  unit: string,
  year: number | null,
  direction: 'higher' | 'lower',
): string {
  const base = (b: { year: number } | null) => String(b?.year ?? (year === null ? '…' : year - 1));
  switch (aim.kind) {
    case 'level':
      return phrase(d, aim.compare, { v: valueText(d, aim.value, unit, 'auto') });
    case 'keep':
      return phrase(d, direction === 'higher' ? 'keepHigher' : 'keepLower', { y: base(aim.baseline) });
    case 'change': {
      if (aim.points === 0 && (aim.compare === 'above' || aim.compare === 'below'))
        return phrase(d, aim.compare === 'above' ? 'increase' : 'decrease', { y: base(aim.baseline) });
      const up = aim.points >= 0;
      return phrase(d, up ? 'up' : 'down', {
        c: phrase(d, compareWord(up ? aim.compare : flip(aim.compare))),
        v: valueText(d, Math.abs(aim.points), unit === '%' ? 'điểm' : unit, 'auto'),
        y: base(aim.baseline),
      });
    }
    case 'relative': {
      const up = aim.percent >= 0;
      return phrase(d, up ? 'up' : 'down', {
        c: phrase(d, compareWord(up ? aim.compare : flip(aim.compare))),
        v: `${d.number(Math.abs(aim.percent), decimalsOf(aim.percent))}%`,
        y: base(aim.baseline),
      });
    }
  }
}

/** "Giảm tối thiểu 1,8%" is "at most −1,8%" read the other way round. */
const flip = (c: Compare): Compare =>
  ({ at_least: 'at_most', above: 'below', at_most: 'at_least', below: 'above' })[c] as Compare;

/**
 * The aim in words.
 * @example aimText(vi, { kind: 'rank', atMost: 10 }, '%', 2024) // "trong nhóm 10 tỉnh, thành phố dẫn đầu"
 */
export function aimText(
  d: Describer,
  aim: Aim,
  unit: string,
  year: number | null,
  direction: 'higher' | 'lower' = 'higher',
  levelName: string | null = null,
): string {
  if (aim.kind === 'rank')
    return aim.atMost === 1 ? phrase(d, 'first') : phrase(d, 'rank', { v: d.number(aim.atMost, 0) });
  if (aim.kind === 'group') return phrase(d, 'group', { v: aim.group });
  if (aim.kind !== 'rule') return simpleAimText(d, aim, unit, year, direction);
  const where = aim.where
    ? phrase(d, 'where', { t: phrase(d, aim.where.compare, { v: valueText(d, aim.where.value, unit, 'auto') }) })
    : '';
  return phrase(d, 'rule', {
    l: levelName ?? phrase(d, 'child'),
    w: where,
    t: simpleAimText(d, aim.then, unit, year, direction),
  });
}

/** A figure in words: "91,20% (khảo sát của tỉnh; KTC 95%: 90,10–92,30%)" or "41% (số liệu hành chính, 2024-09)". */
export function figureText(d: Describer, f: Figure, unit: string): string {
  // Administrative counts and minutes are written as reported; estimates and scores with two decimals.
  const value = valueText(d, f.value, unit, f.basis === 'indicator' ? 'auto' : 2);
  if (f.basis === 'survey') {
    const ci = `${phrase(d, 'ci')}: ${d.number(f.ciLow, 2)}–${valueText(d, f.ciHigh, unit)}`;
    return `${value} (${phrase(d, 'survey')}; ${ci})`;
  }
  const from = f.basis === 'indicator' && f.source !== String(f.year) ? `, ${f.source}` : '';
  return `${value} (${phrase(d, f.source === 'plan' ? 'plan' : f.basis)}${from})`;
}

/** The status in words, with the reason when pending; short for the rows of a rule's table. */
export function statusText(d: Describer, status: Status, pending: PendingReason | null = null, short = false): string {
  if (status === 'pending' && pending) return `${phrase(d, 'pending')}: ${phrase(d, pending)}`;
  return phrase(d, short && status === 'indistinct' ? 'indistinctShort' : status);
}

/** The published rank and group of an evaluation, in words ("thứ 6/63; nhóm “Cao nhất”"), or null. */
export function rankText(d: Describer, e: Evaluation): string | null {
  const p = e.published;
  if (!p) return null;
  const parts: string[] = [];
  if (p.rank !== null)
    parts.push(phrase(d, 'rankOf', { r: String(p.rank), n: p.provinces === null ? '…' : String(p.provinces) }));
  if (p.group !== null) parts.push(phrase(d, 'groupOf', { g: p.group }));
  return parts.length > 0 ? parts.join('; ') : null;
}
